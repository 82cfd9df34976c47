/**
 * The panorama's layout: when the disk is full, the layout is shown all the same, and the failure is a
 * storage problem in words, not "the chain could not be laid out"; on the next start, the layout read
 * beside the data is shown without a second wait for the store; on a first visit, nothing is asked of
 * the store before the chain is drawn.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ChainAtlasDB, LayoutRow } from '../store/db';
import { PanoramaState } from './panorama.svelte';
import { lastLayoutKey } from './prefs';

const positions = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } };
vi.mock('../graph/layoutClient', () => ({ layoutInWorker: async () => positions }));

const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
/** A database whose layouts table has no room: reading works, every write fails. */
const fullDisk = { layouts: { get: async () => undefined, put: quota, delete: quota } } as unknown as ChainAtlasDB;
const input = {
  links: [
    { id: 'a', width: 80, height: 40, subChain: 'main', stage: 'raw' },
    { id: 'b', width: 80, height: 40, subChain: 'main', stage: 'raw' },
  ],
  edges: [{ from: 'a', to: 'b' }],
  subChains: [{ id: 'main', order: 1 }],
} as never;

describe('PanoramaState on a full disk', () => {
  it('shows a computed layout it cannot keep, and says it is a storage problem', async () => {
    const panorama = new PanoramaState(async () => fullDisk);
    await panorama.ensure(input);
    expect(panorama.positions).toEqual(positions);
    expect(panorama.error).toBe('');
    expect(panorama.storageFailure).toEqual({ saving: false, code: 'quota' });
  });

  it('keeps the user’s arrangement on screen when saving it fails, so it can be saved again', async () => {
    const panorama = new PanoramaState(async () => fullDisk);
    await panorama.ensure(input);
    const moved = { a: { x: 10, y: 10 }, b: { x: 100, y: 0 } };
    panorama.moved(moved);
    await panorama.save();
    expect(panorama.dirty).toBe(true);
    expect(panorama.custom).toBe(false);
    expect(panorama.error).toBe('');
    expect(panorama.storageFailure).toEqual({ saving: true, code: 'quota' });
  });
});

/** A layouts table in memory: its rows, and the keys asked for, in order. */
function layoutStore() {
  const rows = new Map<string, unknown>();
  const asked: string[] = [];
  const db = {
    layouts: {
      get: async (key: string) => (asked.push(key), rows.get(key)),
      put: async (row: { key: string }) => void rows.set(row.key, row),
      delete: async (key: string) => void rows.delete(key),
    },
  } as unknown as ChainAtlasDB;
  return { db, rows, asked };
}

describe('PanoramaState on the next start', () => {
  it('shows the layout read beside the data, without asking the store again', async () => {
    const prefs = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => prefs.get(k) ?? null,
      setItem: (k: string, v: string) => void prefs.set(k, v),
    });
    const { db, rows, asked } = layoutStore();
    try {
      const first = new PanoramaState(async () => db);
      first.prefetch(undefined);
      await first.ensure(input);
      const moved = { a: { x: 5, y: 5 }, b: { x: 200, y: 50 } };
      first.moved(moved);
      await first.save();

      // What start-up read beside the data: the row of the key the last start left.
      const key = lastLayoutKey()!;
      expect(rows.has(key)).toBe(true);
      asked.length = 0;
      const next = new PanoramaState(async () => db);
      next.prefetch(Promise.resolve(rows.get(key) as LayoutRow));
      await next.ensure(input);
      expect(next.positions).toEqual(moved);
      expect(next.custom).toBe(true);
      expect(asked).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('asks the store itself when the chain drawn is not the one last shown', async () => {
    const { db, rows, asked } = layoutStore();
    const stale = { key: 'another chain', positions: {}, custom: false, savedAt: '2026-12-01T00:00:00Z' };
    vi.stubGlobal('localStorage', { getItem: () => stale.key, setItem: () => undefined });
    try {
      const panorama = new PanoramaState(async () => db);
      panorama.prefetch(Promise.resolve(stale));
      await panorama.ensure(input);
      expect(panorama.positions).toEqual(positions);
      expect(asked).toHaveLength(1);
      expect([...rows.values()]).toEqual([expect.objectContaining({ positions, custom: false })]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('PanoramaState on a first visit', () => {
  it('takes its positions without asking the store, which it writes only once the chain is drawn', async () => {
    const { db, rows, asked } = layoutStore();
    let draw!: () => void;
    const drawn = new Promise<void>((resolve) => (draw = resolve));
    const panorama = new PanoramaState(
      async () => db,
      () => true,
      () => drawn,
    );
    const ensured = panorama.ensure(input);
    await vi.waitFor(() => expect(panorama.positions).toEqual(positions));
    expect(asked).toEqual([]);
    expect(rows.size).toBe(0);
    draw();
    await ensured;
    expect([...rows.values()]).toEqual([expect.objectContaining({ positions, custom: false })]);
  });
});
