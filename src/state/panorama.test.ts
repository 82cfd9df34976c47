/**
 * The panorama's layout when the disk is full: the layout is shown all the same, and the failure is a
 * storage problem in words, not "the chain could not be laid out".
 */
import { describe, expect, it, vi } from 'vitest';
import type { ChainAtlasDB } from '../store/db';
import { PanoramaState } from './panorama.svelte';

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
    const panorama = new PanoramaState(() => fullDisk);
    await panorama.ensure(input);
    expect(panorama.positions).toEqual(positions);
    expect(panorama.error).toBe('');
    expect(panorama.storageFailure).toEqual({ saving: false, code: 'quota' });
  });

  it('keeps the user’s arrangement on screen when saving it fails, so it can be saved again', async () => {
    const panorama = new PanoramaState(() => fullDisk);
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
