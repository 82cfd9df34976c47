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

/**
 * The preference holding the key of the layout last shown, so the next start can ask the store for it
 * beside the data (the page's head script reads it too: `startPreload` in vite.config.ts).
 */
export const LAST_LAYOUT_KEY = 'chainatlas.layout';

/** The key of the layout shown last time, if any. */
export function lastLayoutKey(): string | undefined {
  return readPref(LAST_LAYOUT_KEY) ?? undefined;
}
