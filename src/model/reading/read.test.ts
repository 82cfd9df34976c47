/**
 * Reading texts from scratch. The shipped article is the oracle: the curated Jinchang data holds the
 * facts planners took from it, each cited to its paragraph, so reading it again must propose them, in
 * agreement and at the right paragraph. The other texts are constructed for these tests (each says so
 * in its first line): a company announcement, a list of signed projects, a work report with targets,
 * and English trade press.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippedDataset } from '../../store/seed';
import type { Dataset } from '../types';
import {
  compareProposals,
  groupByLink,
  readingInputFor,
  readSource,
  type ComparedProposal,
  type Proposal,
  type Reading,
} from './index';

const ARTICLE = 'gsdaily-2024-jinchang';
const fixture = (name: string) =>
  readFileSync(new URL(`../../../tests/fixtures/reading/${name}`, import.meta.url), 'utf8');
const articleText = readFileSync(new URL('../../../seeds/sources/gsdaily-2024-jinchang.txt', import.meta.url), 'utf8');

let shipped: Dataset;
beforeAll(async () => {
  shipped = await loadShippedDataset();
});

function read(text: string, sourceDate?: string): Reading {
  const outcome = readSource(readingInputFor(shipped, 'jinchang', text, sourceDate)!);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.reading;
}
const compared = (reading: Reading) => compareProposals(shipped, 'jinchang', reading.proposals);
const facts = (reading: Reading, kind: Proposal['fact']['kind']) =>
  reading.proposals.filter((p) => p.fact.kind === kind).map((p) => p.fact);

describe('the shipped article, read from scratch', () => {
  let reading: Reading;
  let results: ComparedProposal[];
  beforeAll(() => {
    reading = read(articleText, '2024');
    results = compared(reading);
  });

  /** Every record of the curated data that the article supports: statuses (not unknown), enterprises, projects, figures. */
  function curated() {
    const region = shipped.regions.find((r) => r.id === 'jinchang')!;
    const at = (sources: readonly { sourceId: string; locator?: string }[]) =>
      sources.filter((s) => s.sourceId === ARTICLE).map((s) => s.locator!);
    return [
      ...region.linkStates
        .filter((s) => s.status !== 'unknown')
        .map((s) => ({ kind: 'linkState', id: s.linkId, locators: at(s.sources) })),
      ...region.enterprises.map((e) => ({ kind: 'enterprise', id: e.id, locators: at(e.sources) })),
      ...region.projects.map((p) => ({ kind: 'project', id: p.id, locators: at(p.sources) })),
      ...region.indicators.map((i) => ({ kind: 'indicator', id: i.id, locators: at(i.sources) })),
    ].filter((r) => r.locators.length > 0);
  }

  it('finds at least 90% of the figures and statuses the curated data takes from it, agreeing and at the right paragraph (recall)', () => {
    const expected = curated();
    const missed = expected.filter(
      (r) =>
        !results.some(
          (c) =>
            c.verdict === 'agrees' &&
            c.stored?.kind === r.kind &&
            c.stored.id === r.id &&
            c.proposal.evidence.some((e) => r.locators.includes(e.locator)),
        ),
    );
    const recall = 1 - missed.length / expected.length;
    // Today: 52 of 53. niso4 is present by Jinchuan's product list; the article speaks only of its inputs.
    expect(expected.length).toBeGreaterThanOrEqual(50);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(missed.map((r) => `${r.kind} ${r.id}`)).toEqual(['linkState niso4']);
  });

  it('proposes little the curated data does not hold (precision)', () => {
    const agreeing = results.filter((c) => c.verdict === 'agrees').length;
    expect(agreeing / results.length).toBeGreaterThanOrEqual(0.95);
    expect(results.filter((c) => c.verdict !== 'agrees').map((c) => c.proposal.id)).toEqual([]);
  });

  it('takes a project on a link the region already makes as extending it, not setting it back', () => {
    // 金川集团7万吨三元前驱体……加快建设: building, on a precursor link stored present (Jinchuan's products).
    const pcam = results.find((c) => c.proposal.fact.kind === 'linkState' && c.proposal.linkIds[0] === 'ncm_pcam')!;
    expect(pcam.proposal.fact).toMatchObject({ status: 'building' });
    expect(pcam).toMatchObject({ verdict: 'agrees', differences: [] });
    expect(pcam.stored).toMatchObject({ record: { status: 'present' } });
  });

  it('quotes each fact verbatim from the paragraph its locator names', () => {
    for (const p of reading.proposals) {
      for (const e of p.evidence) {
        const para = reading.paragraphs[e.paragraph - 1]!;
        expect(e.locator).toBe(`¶${para.n}`);
        expect(articleText.slice(para.start, para.end)).toContain(e.quote);
        expect(articleText.slice(e.start, e.end)).toBe(e.quote);
        expect(e.sentence).toContain(e.quote);
      }
      expect(p.rules.length).toBeGreaterThan(0);
    }
  });

  it('does not take rich resources for production, nor the salts for their inputs', () => {
    const states = new Map(facts(reading, 'linkState').map((f) => [f.kind === 'linkState' && f.linkId, f]));
    // 当地风光资源丰富, 丰富的镍、铜、钴、锰……资源: what lies in the ground, not what is made.
    for (const id of ['power', 'ni_ore', 'co_feed', 'mn_ore', 'cu_conc']) expect(states.has(id)).toBe(false);
    // 电池级镍盐、钴盐所需的……原材料均可在金昌本地生产供应: the inputs are made locally, not the salts.
    for (const id of ['niso4', 'coso4', 'li2co3']) expect(states.has(id)).toBe(false);
    expect(states.get('fe_src')).toMatchObject({ status: 'present' });
    expect(states.get('h3po4')).toMatchObject({ status: 'present' });
  });

  it('reads a city’s capacity as present, not strong, when no firm is named', () => {
    const ni = results.find((c) => c.proposal.fact.kind === 'linkState' && c.proposal.fact.linkId === 'ni_metal')!;
    expect(ni.proposal.fact).toMatchObject({ status: 'present', capacity: { value: 250000, unit: 't/a' } });
    expect(ni.proposal.evidence[0]).toMatchObject({
      locator: '¶6',
      quote: '全市具备25万吨镍、140万吨铜、1.7万吨钴的生产能力',
    });
  });

  it('reads projects with their enterprise, capacity, status and links', () => {
    expect(facts(reading, 'project')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '金车18GWh磷酸铁锂电池项目',
          status: 'building',
          linkIds: ['cell_lfp'],
          enterprises: ['金车储能'],
          capacity: { value: 18, unit: 'GWh/a' },
        }),
        expect.objectContaining({
          name: '金川集团7万吨三元前驱体项目',
          status: 'building',
          linkIds: ['ncm_pcam'],
          enterprises: ['金川集团'],
          capacity: { value: 70000, unit: 't/a' },
        }),
        expect.objectContaining({
          name: '汉星1亿Ah锂离子电池项目',
          status: 'operating',
          enterprises: ['汉星'],
          capacity: { value: 100000000, unit: 'Ah/a' },
        }),
        expect.objectContaining({ name: '隔膜项目', status: 'attracting', linkIds: ['separator'] }),
      ]),
    );
  });

  it('reads figures with their period, change, bound, rank and subject', () => {
    expect(facts(reading, 'indicator')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: { value: 26000000000, unit: 'CNY' }, period: '2023', changePercent: 40.5 }),
        expect.objectContaining({ value: { value: 21600000000, unit: 'CNY' }, period: '2024-H1', changePercent: 65.5 }),
        expect.objectContaining({ value: { value: 10000000, unit: 't/a', qualifier: 'over' } }),
        expect.objectContaining({
          value: { value: 65, unit: 'rank' },
          outOf: 230,
          period: '2023',
          subject: '金昌经开区',
        }),
        expect.objectContaining({ name: '签约金额', value: { value: 45680000000, unit: 'CNY' }, period: '2022-04-07' }),
      ]),
    );
  });

  it('groups the proposals by link in the chain’s order, region-wide figures last', () => {
    const groups = groupByLink(shipped, 'jinchang', results);
    expect(groups.at(-1)!.linkId).toBeNull();
    expect(groups.at(-1)!.items.every((c) => c.proposal.linkIds.length === 0)).toBe(true);
    const lfp = groups.find((g) => g.linkId === 'cell_lfp')!;
    expect(lfp.name?.zh).toBeTruthy();
    expect(lfp.items.map((c) => c.proposal.fact.kind)).toEqual(
      expect.arrayContaining(['linkState', 'enterprise', 'project']),
    );
    expect(new Set(groups.map((g) => g.linkId)).size).toBe(groups.length);
  });

  it('notes where it names each link, for highlighting', () => {
    const separator = reading.mentions.filter((m) => m.linkIds.includes('separator'));
    expect(separator.length).toBeGreaterThan(0);
    for (const m of separator) expect(articleText.slice(m.start, m.end)).toBe('隔膜');
  });
});

describe('constructed texts', () => {
  it('a company announcement: the project with its parent and subsidiary, capacity, investment, start date; the existing line', () => {
    const reading = read(fixture('announcement-zh.txt'));
    const [project, ...more] = facts(reading, 'project');
    expect(more).toEqual([]);
    expect(project).toMatchObject({
      status: 'building',
      linkIds: ['lfp_cam'],
      enterprises: ['甘肃恒远新材料股份有限公司', '金昌恒远锂电科技有限公司'],
      capacity: { value: 50000, unit: 't/a' },
      investment: { value: 1260000000, unit: 'CNY', qualifier: 'approx' },
      dates: { started: '2023-05-18' },
    });
    expect(facts(reading, 'linkState')).toEqual(
      expect.arrayContaining([
        { kind: 'linkState', linkId: 'lfp_cam', status: 'building' },
        {
          kind: 'linkState',
          linkId: 'fepo4',
          status: 'present',
          capacity: { value: 20000, unit: 't/a' },
          asOf: '2022-Q1',
        },
      ]),
    );
    // 项目建成后，可年产……: what the project will do is a target, not a result.
    expect(facts(reading, 'indicator')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: { value: 3000000000, unit: 'CNY', qualifier: 'approx' }, target: true }),
      ]),
    );
    expect(facts(reading, 'indicator')).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '累计投资', period: '2023-06-30' })]),
    );
  });

  it('a list of signed projects: each item a signed project on its link, dated by the introduction', () => {
    const reading = read(fixture('signed-projects-zh.txt'));
    const projects = facts(reading, 'project');
    expect(projects).toHaveLength(6);
    for (const p of projects) expect(p).toMatchObject({ status: 'signed', dates: { signed: '2024-03-12' } });
    expect(projects.map((p) => p.kind === 'project' && [p.linkIds, p.capacity?.unit, p.investment?.value])).toEqual([
      [['cell_lfp'], 'GWh/a', 5e9],
      [['separator'], undefined, 1.8e9],
      [['pouch_film'], undefined, 6.8e8],
      [['eol', 'hydromet'], 't/a', 9.2e8],
      [['ess'], 'MWh', 3.5e8],
      [['cell_cyl'], 'cells/d', 1.5e9],
    ]);
    const p = reading.proposals.find((x) => x.fact.kind === 'project')!;
    expect(p.evidence[0]).toMatchObject({ locator: '¶3' });
    expect(facts(reading, 'indicator')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: { value: 12, unit: 'count' }, period: '2024-03-12' }),
        expect.objectContaining({ value: { value: 18650000000, unit: 'CNY' } }),
      ]),
    );
  });

  it('a work report: last year’s results and this year’s targets, a gap, a project started', () => {
    const reading = read(fixture('work-report-zh.txt'), '2024-01');
    const indicators = facts(reading, 'indicator');
    expect(indicators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: { value: 31200000000, unit: 'CNY' }, changePercent: 20.1, period: '2023' }),
        expect.objectContaining({
          value: { value: 40000000000, unit: 'CNY', qualifier: 'over' },
          target: true,
          period: '2024',
        }),
        expect.objectContaining({ value: { value: 30, unit: 'count', qualifier: 'over' }, target: true }),
        expect.objectContaining({ linkIds: ['ncm_pcam'], value: { value: 200000, unit: 't/a' }, target: true }),
      ]),
    );
    expect(facts(reading, 'linkState')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ linkId: 'electrolyte', status: 'missing' }),
        expect.objectContaining({ linkId: 'separator', status: 'building' }),
      ]),
    );
    // 北辰隔膜一期项目开工建设: the brand and its product name the enterprise of a phased project.
    expect(facts(reading, 'project')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '北辰隔膜一期项目', status: 'building', enterprises: ['北辰隔膜'] }),
      ]),
    );
    // Stored: separator attracting. The report has a separator project started: a conflict, both shown.
    const sep = compared(reading).find(
      (c) => c.proposal.fact.kind === 'linkState' && c.proposal.linkIds[0] === 'separator',
    )!;
    expect(sep).toMatchObject({ verdict: 'conflicts', differences: ['status'] });
    expect(sep.storedSources[0]).toMatchObject({ sourceId: ARTICLE, locator: '¶12' });
  });

  it('English trade press: a project broken ground with its date and investment, a capacity, a figure that agrees with the article', () => {
    const reading = read(fixture('trade-press-en.txt'));
    expect(reading.language).toBe('en');
    expect(facts(reading, 'project')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          enterprises: ['Gansu Keyuan Battery Co., Ltd.'],
          status: 'building',
          linkIds: ['cell_lfp'],
          capacity: { value: 20, unit: 'GWh/a' },
          investment: { value: 8500000000, unit: 'CNY' },
          dates: { started: '2024-06-10' },
        }),
      ]),
    );
    const results = compared(reading);
    const output = results.find(
      (c) => c.proposal.fact.kind === 'indicator' && c.proposal.fact.value.value === 21600000000,
    )!;
    expect(output.verdict).toBe('agrees');
    expect(output.stored?.id).toBe('battery-output-2024h1');
    const nickel = results.find((c) => c.proposal.linkIds[0] === 'ni_metal' && c.proposal.fact.kind === 'linkState')!;
    // "about 250,000" against the article's 25万吨: the bound differs, shown as a conflict of capacity only.
    expect(nickel).toMatchObject({ verdict: 'conflicts', differences: ['capacity'] });
    expect(nickel.proposal.fact).toMatchObject({ status: 'present' });
  });

  it('refuses what it cannot read with a clear message', () => {
    const input = readingInputFor(shipped, 'jinchang', '   \n\n  ')!;
    expect(readSource(input)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'empty', message: expect.stringMatching(/empty/) }),
    });
  });
});
