/** The sync server's addresses, always on the app's own origin. Pure but for `URL`. */

/** Why connecting failed, as a catalogue key's last part (`sync.error.<code>`). */
export type ConnectError = 'origin' | 'fields' | 'login' | 'unreachable' | 'database' | 'forbidden';

export class ConnectFailure extends Error {
  constructor(
    readonly code: ConnectError,
    detail = '',
  ) {
    super(detail || code);
  }
}

/** The server's base address, checked to be on the app's own origin (the CSP allows nothing else). */
export function serverBase(server: string, here: string): URL {
  const text = server.trim();
  if (!text) throw new ConnectFailure('fields');
  let url: URL;
  try {
    url = new URL(text, here);
  } catch {
    throw new ConnectFailure('origin');
  }
  if (url.origin !== new URL(here).origin) throw new ConnectFailure('origin');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export const sessionUrl = (base: URL): string => new URL('_session', base).href;
export const databaseUrl = (base: URL, db: string): string => new URL(encodeURIComponent(db), base).href;
