// @vitest-environment happy-dom
/**
 * The form lifecycle: what was typed is never replaced by a change made elsewhere, and never saved over
 * one the user has not seen; an untouched form follows the stored record.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { bilingual, changedKeys, FormDraft } from './formDraft.svelte';

interface Rec {
  name: string;
  note?: string;
}

/** A draft on a record that a test can change "elsewhere", and what it reports of unsaved changes. */
function setup(initial: Rec | undefined) {
  const store = $state<{ record: Rec | undefined }>({ record: initial });
  const unsaved: boolean[] = [];
  let draft!: FormDraft<{ name: string }, Rec>;
  const cleanup = $effect.root(() => {
    draft = new FormDraft(
      () => ({
        trackUnsaved: (_id, u) => {
          unsaved.push(u);
          return () => undefined;
        },
      }),
      () => store.record,
      (r) => ({ name: r?.name ?? '' }),
    );
  });
  flushSync();
  return { store, draft, unsaved, cleanup };
}

const ok = { ok: true as const, label: { zh: '存', en: 'Saved' }, changed: true };

describe('FormDraft', () => {
  it('follows the stored record while nothing is typed', () => {
    const { store, draft, cleanup } = setup({ name: 'a' });
    store.record = { name: 'b' };
    flushSync();
    expect(draft.fields.name).toBe('b');
    expect(draft.changedElsewhere).toBe(false);
    cleanup();
  });

  it('keeps what was typed when the record changes elsewhere, and says what changed', () => {
    const { store, draft, unsaved, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'mine';
    flushSync();
    expect(unsaved.at(-1)).toBe(true);
    store.record = { name: 'a', note: 'theirs' };
    flushSync();
    expect(draft.fields.name).toBe('mine');
    expect(draft.changedElsewhere).toBe(true);
    expect(draft.theirChanges).toEqual(['note']);
    cleanup();
  });

  it('refuses to save over a change not seen; saves once the user keeps theirs or mine', async () => {
    const { store, draft, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'mine';
    store.record = { name: 'theirs' };
    flushSync();
    let ran = 0;
    const run = async () => {
      ran++;
      return ok;
    };
    expect(await draft.save(run)).toBe('changed-elsewhere');
    expect(ran).toBe(0);
    draft.keepMine();
    expect(await draft.save(run)).toEqual(ok);
    expect(ran).toBe(1);
    expect(draft.dirty).toBe(false);

    draft.fields.name = 'again';
    store.record = { name: 'other' };
    flushSync();
    draft.takeTheirs();
    expect(draft.fields.name).toBe('other');
    expect(draft.dirty).toBe(false);
    expect(draft.changedElsewhere).toBe(false);
    cleanup();
  });

  it('starts again from the stored record, with nothing unsaved, no visit and no outcome (a dialog opened again)', async () => {
    const { store, draft, unsaved, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'typed';
    draft.visits.attempted = true;
    await draft.submit(
      async () => ({ ok: false as const, failure: { kind: 'conflict' as const, detail: 'x' } }) as never,
    );
    store.record = { name: 'theirs' };
    flushSync();
    expect(unsaved.at(-1)).toBe(true);
    draft.restart();
    flushSync();
    expect(draft.fields.name).toBe('theirs');
    expect(draft.dirty).toBe(false);
    expect(draft.changedElsewhere).toBe(false);
    expect(draft.outcome).toBeUndefined();
    expect(draft.visits.show('name', '')).toBe(false);
    expect(unsaved.at(-1)).toBe(false);
    cleanup();
  });

  it('a record removed elsewhere counts as changed', () => {
    const { store, draft, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'mine';
    store.record = undefined;
    flushSync();
    expect(draft.changedElsewhere).toBe(true);
    cleanup();
  });
});

describe('form helpers', () => {
  it('bilingual text falls back to the other language; both empty is none', () => {
    expect(bilingual(' 电芯 ', '')).toEqual({ zh: '电芯', en: '电芯' });
    expect(bilingual('', 'Cells')).toEqual({ zh: 'Cells', en: 'Cells' });
    expect(bilingual(' ', '')).toBeUndefined();
  });
  it('changedKeys names the fields that differ', () => {
    expect(changedKeys({ a: 1, b: [1] }, { a: 1, b: [2], c: 3 })).toEqual(['b', 'c']);
    expect(changedKeys(undefined, { a: 1 })).toEqual(['a']);
  });

  it('keeps what a save said, and gives the notice only when it went through', async () => {
    const { draft, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'b';
    flushSync();
    const refused = { ok: false as const, failure: { kind: 'conflict' as const, detail: 'x' } };
    expect(await draft.submit(async () => refused as never)).toBeUndefined();
    expect(draft.outcome).toEqual(refused);
    expect(draft.dirty).toBe(true);
    expect(await draft.submit(async () => ok)).toBe('Saved: Saved');
    expect(draft.outcome).toEqual(ok);
    expect(draft.dirty).toBe(false);
    expect(await draft.commit(async () => ok)).toBe('Saved: Saved');
    cleanup();
  });

  it('saves nothing over a change made elsewhere, and keeps the last outcome', async () => {
    const { store, draft, cleanup } = setup({ name: 'a' });
    draft.fields.name = 'mine';
    store.record = { name: 'theirs' };
    flushSync();
    let ran = false;
    expect(
      await draft.submit(async () => {
        ran = true;
        return ok;
      }),
    ).toBeUndefined();
    expect(ran).toBe(false);
    expect(draft.outcome).toBeUndefined();
    cleanup();
  });
});
