/**
 * The database's name and its schema version, apart from Dexie: start-up reads the store before Dexie
 * has loaded (`earlyRead.ts`; Dexie, with `db.ts`, is a chunk of its own, loaded after the first draw),
 * and the page's head script is given both. `db.ts` declares the schema and checks that its last
 * version is `SCHEMA_VERSION`.
 */
export const DB_NAME = 'chainatlas';

/** The last schema version `db.ts` declares (`this.version(n)`). */
export const SCHEMA_VERSION = 3;

/** The IndexedDB version of that schema, as Dexie numbers it (ten times the `version()` number). */
export const NATIVE_VERSION = SCHEMA_VERSION * 10;
