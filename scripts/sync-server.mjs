// npm run sync-server [-- --port 5984 --dir .sync-server]
//
// A CouchDB-compatible server for development and tests: pouchdb-server (express-pouchdb in its
// "fullCouchDB" mode: _users and cookie sessions, _security, validate_doc_update) on the loopback
// address, with its data in LevelDB files under --dir. It is set up as a team's server would be:
//   - an admin (so the server leaves "admin party": only the admin may change _security or design docs);
//   - the database `chainatlas` (or --db);
//   - users `editor` (role `editor`) and `reader` (role `reader`), both members of the database;
//   - a validate_doc_update that refuses a write from anyone without the editor role (admins aside).
// The development passwords are printed; they are for this local server only.
//
// Used by the browser tests (tests/e2e/sync/) through `startSyncServer`, which the suite starts and
// stops itself, and by `npm run sync-server` for trying the Sync dialog by hand (with `npm run dev` or
// `npm start`, whose /couch/ path is proxied to it; see vite.config.ts).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const SYNC_ADMIN = { name: 'admin', password: 'admin-dev-password' };
export const SYNC_USERS = [
  { name: 'editor', password: 'editor-dev-password', roles: ['editor'] },
  { name: 'editor2', password: 'editor2-dev-password', roles: ['editor'] },
  { name: 'reader', password: 'reader-dev-password', roles: ['reader'] },
];

/** The validation every write to a team's database passes: editors (and admins) write, nobody else. */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) return;
  if (roles.indexOf('editor') === -1) {
    throw({ forbidden: 'Only editors may change this atlas; ' + (userCtx.name || 'this user') + ' may only read it.' });
  }
  if (newDoc.by !== undefined && newDoc.by !== userCtx.name) {
    throw({ forbidden: 'A change must be signed by the user who makes it.' });
  }
}`;

/**
 * Starts pouchdb-server on 127.0.0.1:`port` with its files in `dir`, and sets up the database, users,
 * security and validation (again on every start: each step is idempotent).
 * @returns the server's address and a `stop()` that ends the process.
 */
export async function startSyncServer({ port = 5984, dir = '.sync-server', db = 'chainatlas', quiet = true } = {}) {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true });
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server');
  const child = spawn(
    process.execPath,
    [
      '--require',
      fileURLToPath(new URL('./sync-server-fix.cjs', import.meta.url)),
      bin,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      folder,
      '--config',
      `${folder}/config.json`,
      '-n',
    ],
    { cwd: folder, stdio: quiet ? 'ignore' : 'inherit' },
  );
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor(url, child);
    await setUp(url, db);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, db, stop, pid: child.pid };
}

async function waitFor(url, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url}`);
}

async function setUp(url, db) {
  const basic = `Basic ${Buffer.from(`${SYNC_ADMIN.name}:${SYNC_ADMIN.password}`).toString('base64')}`;
  const call = async (method, path, body, auth = true) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: basic } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => ({})) };
  };
  // Leaves admin party on first start (later starts find the admin in the config file).
  const probe = await call('GET', '/_session');
  if (!probe.body?.userCtx?.roles?.includes('_admin')) {
    const made = await call('PUT', `/_config/admins/${SYNC_ADMIN.name}`, SYNC_ADMIN.password, false);
    if (made.status >= 300) throw new Error(`could not make the admin: ${JSON.stringify(made.body)}`);
    // The key that signs session cookies, kept in the config file (as CouchDB keeps it in local.ini),
    // so sessions outlive a restart of the server. pouchdb-server would otherwise make a new one each start.
    const secret = await call('PUT', '/_config/couch_httpd_auth/secret', randomBytes(16).toString('hex'));
    if (secret.status >= 300) throw new Error(`could not keep the session secret: ${JSON.stringify(secret.body)}`);
  }
  const created = await call('PUT', `/${db}`);
  if (created.status >= 300 && created.status !== 412)
    throw new Error(`could not create ${db}: ${JSON.stringify(created.body)}`);
  for (const user of SYNC_USERS) {
    const id = `org.couchdb.user:${user.name}`;
    const existing = await call('GET', `/_users/${encodeURIComponent(id)}`);
    if (existing.status === 200) continue;
    const put = await call('PUT', `/_users/${encodeURIComponent(id)}`, { _id: id, type: 'user', ...user });
    if (put.status >= 300) throw new Error(`could not make user ${user.name}: ${JSON.stringify(put.body)}`);
  }
  const security = await call('PUT', `/${db}/_security`, {
    admins: { names: [], roles: [] },
    members: { names: [], roles: ['editor', 'reader'] },
  });
  if (security.status >= 300) throw new Error(`could not set _security: ${JSON.stringify(security.body)}`);
  const ddocPath = `/${db}/_design/chainatlas`;
  const current = await call('GET', ddocPath);
  const ddoc = { _id: '_design/chainatlas', validate_doc_update: VALIDATE_DOC_UPDATE };
  if (current.status !== 200 || current.body.validate_doc_update !== VALIDATE_DOC_UPDATE) {
    const put = await call('PUT', ddocPath, {
      ...ddoc,
      ...(current.status === 200 ? { _rev: current.body._rev } : {}),
    });
    if (put.status >= 300) throw new Error(`could not write the design document: ${JSON.stringify(put.body)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const server = await startSyncServer({
    port: Number(arg('port', 5984)),
    dir: arg('dir', '.sync-server'),
    db: arg('db', 'chainatlas'),
    quiet: false,
  });
  console.log(`sync server at ${server.url}, database "${server.db}"`);
  for (const u of SYNC_USERS) console.log(`  user ${u.name} (${u.roles.join(', ')}), password ${u.password}`);
  const end = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
