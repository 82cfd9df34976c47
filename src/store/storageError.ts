/**
 * A storage failure in words: the browser's error (quota, blocked) as a code the UI words and an
 * English message. Its own module, so that the state that reports such errors (editing, layouts) does
 * not load the import's code with the app.
 */
/** A storage failure, sorted for the UI: `quota` (no room), `blocked` (storage unavailable), or `unknown`. */
export interface StorageErrorInfo {
  readonly code: 'quota' | 'blocked' | 'unknown';
  /** English wording; the UI words it by `code`. */
  readonly message: string;
}

/** Names of an error and of the errors it wraps (Dexie keeps the browser's error as `inner`). */
function errorNames(e: unknown): string[] {
  const names: string[] = [];
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const { name, inner, cause } = x as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    x = inner ?? cause;
  }
  return names;
}

const BLOCKED = new Set([
  'DatabaseClosedError',
  'InvalidStateError',
  'MissingAPIError',
  'OpenFailedError',
  'SecurityError',
  'VersionChangeError',
  'VersionError',
]);

/** Sorts a failed write for the UI. Every write is one transaction, so in each case nothing was saved. */
export function describeStorageError(e: unknown): StorageErrorInfo {
  const names = errorNames(e);
  if (names.includes('QuotaExceededError')) {
    const message =
      'the browser has no room left for ChainAtlas data, so nothing was saved; free some disk space and try again';
    return { code: 'quota', message };
  }
  if (names.some((n) => BLOCKED.has(n))) {
    return {
      code: 'blocked',
      message:
        'the browser would not let ChainAtlas use its storage (private browsing, or another ChainAtlas tab holds an older version open), so nothing was saved',
    };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'unknown', message: `saving failed (${detail}), so nothing was saved` };
}
