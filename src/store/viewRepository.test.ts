import { describe, expect, it } from 'vitest';
import { tinyDataset } from '../model/testing';
import type { SavedView } from '../model/types';
import { exportNativeJson } from '../io/nativeJson';
import { validateDataset } from '../model/validate';
import { readDataset } from './datasetRepository';
import { ensureSeeded } from './seed';
import { openDb } from './testing';
import { addView, deleteView, moveView, putBriefing, putView } from './viewRepository';

const view = (id: string, title: string): SavedView => ({ id, title, route: '#/', createdAt: '2026-11-26T08:00:00Z' });

describe('saved views and briefings', () => {
  it('keep their order, move, and leave a briefing when deleted', async () => {
    const db = openDb();
    await ensureSeeded(db, async () => tinyDataset());
    for (const [id, title] of [
      ['v1', 'One'],
      ['v2', 'Two'],
      ['v3', 'Three'],
    ] as const) {
      await addView(db, view(id, title));
    }
    await putBriefing(db, { id: 'b1', title: 'Board', viewIds: ['v3', 'v1'], createdAt: '2026' });
    await moveView(db, 'v3', -1);
    await putView(db, { ...view('v1', 'One, renamed'), notes: 'Say hello' });
    let data = await readDataset(db);
    expect(data?.views?.map((v) => v.title)).toEqual(['One, renamed', 'Three', 'Two']);
    expect(data?.views?.[0]?.notes).toBe('Say hello');

    await deleteView(db, 'v3');
    data = await readDataset(db);
    expect(data?.views?.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(data?.briefings?.[0]?.viewIds).toEqual(['v1']);
    expect(validateDataset(data).ok).toBe(true);
  });

  it('travel inside the native export and come back from it', async () => {
    const db = openDb();
    await ensureSeeded(db, async () => tinyDataset());
    await addView(db, { ...view('v1', 'Gaps'), route: '#/gaps', lang: 'en', box: { x1: 0, y1: 0, x2: 400, y2: 200 } });
    await putBriefing(db, { id: 'b1', title: 'Board', viewIds: ['v1'], createdAt: '2026' });
    const stored = await readDataset(db);
    const text = new TextDecoder().decode(exportNativeJson(stored!));
    const back = validateDataset(JSON.parse(text));
    expect(back.ok && back.dataset).toEqual(stored);
    expect(JSON.parse(text).briefings[0].viewIds).toEqual(['v1']);
  });

  it('count as edits for the backup reminder, and a briefing never keeps a view deleted elsewhere', async () => {
    const db = openDb();
    await ensureSeeded(db, async () => tinyDataset());
    const serial = async () => ((await db.meta.get('editSerial'))?.value as number | undefined) ?? 0;
    const before = await serial();
    await addView(db, view('v1', 'One'));
    expect(await serial()).toBe(before + 1);
    // Another tab deleted v2 while this one was still offering it for the briefing.
    await putBriefing(db, { id: 'b1', title: 'Board', viewIds: ['v1', 'v2'], createdAt: '2026' });
    const data = await readDataset(db);
    expect(data?.briefings?.[0]?.viewIds).toEqual(['v1']);
    expect(validateDataset(data).ok).toBe(true);
    expect(await serial()).toBe(before + 2);
  });
});
