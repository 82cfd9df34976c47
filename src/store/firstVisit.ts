/**
 * Whether this is a first visit, with nothing stored yet: then the shipped data is drawn at once and
 * the database made after the first draw (`AtlasState.start`).
 */

/**
 * No service worker controls this page: a first visit, or a browser or server without the offline copy.
 * The page's head script runs it too (`startPreload` in vite.config.ts copies it by its text).
 */
export function firstVisitLikely(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && !navigator.serviceWorker.controller;
}

/** How long the browser may take to say which databases it holds before the database is simply opened. */
const DATABASES_WAIT_MS = 2000;

/**
 * Whether the browser holds no database of this name: true only when it says so (`indexedDB.databases()`
 * does not list it). Where that cannot be asked (an older browser), the answer fails or does not come
 * (some browsers' storage hangs until a database is opened), false: the database is opened and read,
 * as on any later visit.
 */
export async function databaseMissing(name: string, wait = DATABASES_WAIT_MS): Promise<boolean> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const listed = await Promise.race([
      indexedDB.databases(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), wait))),
    ]);
    return listed !== undefined && !listed.some((d) => d.name === name);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
