/**
 * New ids, made one way. A record with a name gets an id read from its name (`sodium-ion-cells`),
 * unique among the ids it must not repeat; a record without one (a saved view, a briefing, a what-if
 * scenario) gets its kind and a time-and-random tail. A record an import makes gets an id read from
 * what identifies it (a credit code, a file name, or a digest of its key), so importing the same file
 * twice makes the same ids and adds nothing. All match the data format's id pattern.
 */
import { digestText } from './digest';

/** A name as an id: lower case, Latin letters and digits, words joined by hyphens (`Sodium-ion cells` → `sodium-ion-cells`). */
export function idFromName(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .normalize('NFKD')
      // Accents come apart from their letters: drop them (`é` → `e`).
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  );
}

/** A new id from a name, not among `taken`: `jinche-2`, or `<prefix>-…` when the name has no Latin letters. */
export function newId(name: string, taken: ReadonlySet<string>, prefix = 'item'): string {
  return uniqueId(idFromName(name).slice(0, 40) || freshId(prefix), taken);
}

/** `base`, or `base-2`, `base-3`, … : the first not among `taken`. */
export function uniqueId(base: string, taken: { has(id: string): boolean }): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/**
 * A stable id for a record known by a key no id can spell (a firm's region and name, a supply
 * relation's ends): its kind and a digest of the key, `f-1a2b3c4d`. The same key gives the same id.
 */
export function idFromKey(prefix: string, key: string): string {
  return `${prefix}-${digestText(key)}`;
}

/** A new id for a record without a name: `view-m4x9k2ab3f`. */
export function freshId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
