/**
 * Small preferences kept in localStorage (language, gap rules, panels). Storage may be blocked (private
 * modes, policies): reads then give null and writes do nothing, so a preference lasts for the page.
 */
export function readPref(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Blocked: the preference lasts for this page only.
  }
}
