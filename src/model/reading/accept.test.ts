/**
 * Adding what a reading found: one edit that creates the source with its full text and adds or updates
 * each accepted fact, citing the source with its quote and paragraph; undone as one step.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../../store/seed';
import { applyEdit, invertEdit } from '../editRecords';
import type { Dataset } from '../types';
import {
  acceptProposals,
  compareProposals,
  readingInputFor,
  readingNote,
  readingSummary,
  readSource,
  type Proposal,
} from './index';
import { newSourceId } from './accept';

let shipped: Dataset;
beforeAll(async () => {
  shipped = await loadShippedDataset();
});

function proposals(file: string): { text: string; list: readonly Proposal[] } {
  const text = readFileSync(new URL(`../../../tests/fixtures/reading/${file}`, import.meta.url), 'utf8');
  const outcome = readSource(readingInputFor(shipped, 'jinchang', text)!);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { text, list: outcome.reading.proposals };
}
const meta = { title: '集中签约仪式', publisher: '某市日报', date: '2024-03-12' };

describe('a new source’s id', () => {
  it('is read from its title and publisher as before: Latin words, else a hash; never one taken', () => {
    const taken: Dataset = {
      ...shipped,
      sources: [{ id: 'read-2024-06-jinchang-gansu-daily', title: 'Jinchang', publisher: 'Gansu Daily' }],
    };
    expect(newSourceId(taken, { title: '甘肃日报', publisher: '甘肃日报社', date: '2024-06' })).toBe(
      'read-2024-06-10fhvox',
    );
    expect(newSourceId(taken, { title: 'Jinchang', publisher: 'Gansu Daily', date: '2024-06' })).toBe(
      'read-2024-06-jinchang-gansu-daily-2',
    );
    expect(newSourceId(taken, { title: '金昌', publisher: '' })).toBe('read-l6vyls');
  });
});

describe('adding the facts found', () => {
  it('creates the source with its text, and the new facts cite it with quote and paragraph', () => {
    const { text, list } = proposals('signed-projects-zh.txt');
    const chosen = list.filter((p) => p.fact.kind === 'project' && p.linkIds.includes('separator'));
    const firm = list.filter((p) => p.fact.kind === 'enterprise' && p.fact.name === '北辰隔膜科技有限公司');
    const result = acceptProposals(shipped, 'jinchang', meta, text, [...chosen, ...firm]);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    const source = result.dataset.sources.find((s) => s.title === meta.title)!;
    expect(source).toMatchObject({ publisher: '某市日报', date: '2024-03-12', text });
    const region = result.dataset.regions.find((r) => r.id === 'jinchang')!;
    const firmRecord = region.enterprises.find((e) => e.name.zh === '北辰隔膜科技有限公司')!;
    const project = region.projects.find((p) => p.name.zh === '北辰隔膜科技有限公司年产4亿平方米湿法隔膜项目')!;
    expect(project).toMatchObject({
      status: 'signed',
      linkIds: ['separator'],
      enterpriseIds: [firmRecord.id],
      investment: { value: 1.8e9, unit: 'CNY' },
    });
    expect(project.sources).toEqual([
      { sourceId: source.id, locator: '¶4', quote: '二、北辰隔膜科技有限公司年产4亿平方米湿法隔膜项目，总投资18亿元' },
    ]);
    for (const c of project.sources) expect(text).toContain(c.quote);
    expect(result.edit.label.en).toBe('Read a source: 集中签约仪式 (2 facts)');
  });

  it('adds a citation to a stored record the text agrees with, keeping its sources', () => {
    const text = readFileSync(new URL('../../../seeds/sources/gsdaily-2024-jinchang.txt', import.meta.url), 'utf8');
    const outcome = readSource(readingInputFor(shipped, 'jinchang', text, '2024')!);
    if (!outcome.ok) throw new Error('unreadable');
    const agreeing = compareProposals(shipped, 'jinchang', outcome.reading.proposals).filter(
      (c) => c.verdict === 'agrees',
    );
    const sep = agreeing.find((c) => c.proposal.fact.kind === 'linkState' && c.proposal.linkIds[0] === 'separator')!;
    const result = acceptProposals(
      shipped,
      'jinchang',
      { title: 'Again', publisher: 'Gansu Daily', date: '2024' },
      text,
      [sep.proposal],
    );
    if (!result.ok) throw new Error('refused');
    const before = shipped.regions[0]!.linkStates.find((s) => s.linkId === 'separator')!;
    const after = result.dataset.regions
      .find((r) => r.id === 'jinchang')!
      .linkStates.find((s) => s.linkId === 'separator')!;
    expect(after.status).toBe('attracting');
    expect(after.sources.slice(0, before.sources.length)).toEqual(before.sources);
    expect(after.sources.at(-1)).toMatchObject({ locator: '¶12', quote: '积极引进碳酸酯、隔膜、铝塑膜等项目' });
  });

  it('keeps a link the region makes at its status when a project on it is added, citing the project', () => {
    const { text, list } = proposals('signed-projects-zh.txt');
    const cylinder = list.filter((p) => p.linkIds.includes('cell_cyl') && p.fact.kind === 'linkState');
    expect(cylinder.map((p) => p.fact)).toEqual([{ kind: 'linkState', linkId: 'cell_cyl', status: 'attracting' }]);
    const result = acceptProposals(shipped, 'jinchang', meta, text, cylinder);
    if (!result.ok) throw new Error('refused');
    const state = result.dataset.regions
      .find((r) => r.id === 'jinchang')!
      .linkStates.find((s) => s.linkId === 'cell_cyl')!;
    expect(state.status).toBe('present');
    expect(state.sources.at(-1)).toMatchObject({ locator: '¶8', quote: '六、金昌力拓电池有限公司圆柱电池项目' });
  });

  it('is undone as one step, leaving the data as it was', () => {
    const { text, list } = proposals('signed-projects-zh.txt');
    const result = acceptProposals(shipped, 'jinchang', meta, text, list);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    expect(result.edit.changes.length).toBeGreaterThan(list.length / 2);
    expect(applyEdit(result.dataset, invertEdit(result.edit))).toEqual(shipped);
  });

  it('refuses the whole edit when the region does not exist, changing nothing', () => {
    const { text, list } = proposals('signed-projects-zh.txt');
    const result = acceptProposals(shipped, 'nowhere', meta, text, list);
    expect(result.ok).toBe(false);
  });

  it('records which facts were added and which skipped, to export with the source', () => {
    const { list } = proposals('signed-projects-zh.txt');
    const summary = readingSummary({
      source: { id: 's1', ...meta },
      regionId: 'jinchang',
      proposals: list,
      added: [list[0]!.id],
    });
    expect(summary.added.map((r) => r.proposal)).toEqual([list[0]!.id]);
    expect(summary.skipped).toHaveLength(list.length - 1);
    expect(summary.added[0]!.places[0]!.locator).toMatch(/^¶\d+$/);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('says in the source’s note which facts were added and which skipped, so every export carries it', () => {
    const { text, list } = proposals('signed-projects-zh.txt');
    const added = list.filter((p) => p.fact.kind === 'project' && p.linkIds.includes('separator'));
    const summary = readingSummary({
      source: { id: 'read-1', ...meta },
      regionId: 'jinchang',
      proposals: list,
      added: added.map((p) => p.id),
    });
    const note = readingNote(summary);
    expect(note.split('\n')).toEqual([
      `Read with ChainAtlas: ${list.length} facts found, 1 added, ${list.length - 1} skipped.`,
      'Added: ¶4 project 北辰隔膜科技有限公司年产4亿平方米湿法隔膜项目 (signed).',
      expect.stringMatching(
        /^Skipped: ¶2 现场集中签约项目 = 12 count; ¶2 签约总金额 = 18650000000 CNY; ¶3 cell_lfp: attracting; /,
      ),
    ]);
    const result = acceptProposals(shipped, 'jinchang', { ...meta, id: 'read-1', note }, text, added);
    expect(result.ok && result.dataset.sources.find((s) => s.id === 'read-1')?.note).toBe(note);
  });
});
