/** The part of pouchdb-browser's API the sync engine uses (the package ships no types). */
declare module 'pouchdb-browser' {
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    [key: string]: unknown;
  }
  export interface PutResult {
    ok?: boolean;
    id: string;
    rev: string;
    error?: string;
    reason?: string;
  }
  export interface ChangeRow {
    id: string;
    seq: number | string;
    doc?: PouchDoc;
    deleted?: boolean;
  }
  export interface Emitter {
    on(event: string, listener: (...args: never[]) => void): this;
    cancel(): void;
  }
  export interface Database {
    get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<PouchDoc>;
    bulkDocs(docs: readonly object[], options?: { new_edits?: boolean }): Promise<PutResult[]>;
    allDocs(options: {
      keys?: string[];
      include_docs?: boolean;
      conflicts?: boolean;
      startkey?: string;
      endkey?: string;
    }): Promise<{
      rows: { id: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: PouchDoc; error?: string }[];
    }>;
    changes(options: {
      since?: number | string;
      live?: boolean;
      include_docs?: boolean;
      conflicts?: boolean;
      batch_size?: number;
    }): Emitter;
    info(): Promise<{ update_seq: number | string; doc_count: number }>;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  interface Constructor {
    new (name: string, options?: Record<string, unknown>): Database;
    sync(a: Database, b: Database, options?: Record<string, unknown>): Emitter;
    replicate(a: Database, b: Database, options?: Record<string, unknown>): Emitter & Promise<unknown>;
    fetch(url: string, options?: RequestInit): Promise<Response>;
  }
  const PouchDB: Constructor;
  export default PouchDB;
}
