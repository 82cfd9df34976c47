// Preloaded into pouchdb-server by scripts/sync-server.mjs (node --require). Fixes one line of
// pouchdb-validation 1.x (the validate_doc_update support of express-pouchdb): before running the
// validation functions it overwrote each incoming document's `_revisions` with the stored document's,
// so a replicated update (`_bulk_docs` with new_edits: false, which is how PouchDB and CouchDB
// replicate) carried the old revision history and was silently dropped: a second planner's change of a
// document never reached the server while the validation was installed. The fix keeps a document's own
// `_revisions` when it has them. Validation itself is unchanged (it still runs and still refuses).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for Node */
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const BUGGY = 'newDoc._revisions = (oldDoc || {})._revisions;';
const FIXED = 'if (!newDoc._revisions) newDoc._revisions = (oldDoc || {})._revisions;';
const compileJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (filename.endsWith(path.join('pouchdb-validation', 'lib', 'index.js'))) {
    const source = fs.readFileSync(filename, 'utf8');
    if (!source.includes(BUGGY)) throw new Error(`pouchdb-validation changed; check ${__filename} still applies`);
    module._compile(source.replace(BUGGY, FIXED), filename);
    return;
  }
  compileJs(module, filename);
};
