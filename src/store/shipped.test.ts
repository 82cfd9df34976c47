/**
 * The shipped data: it validates, and every fact the foundation issue and issue 11 list is present with
 * its value, unit and source. That every citation stands in its source, every figure in its quotes and
 * every status is one its evidence supports is checked in shippedTruth.test.ts.
 */
import { readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { statesByLink } from '../model/dataset';
import type { Citation, Dataset, Indicator, Region } from '../model/types';
import { validateDataset } from '../model/validate';
import { mergeDatasets } from '../model/dataset';
import { buildSearchIndex, searchLinks } from '../model/search';
import { loadShippedDataset } from './seed';

const seedText = (path: string) => readFileSync(new URL(`../../seeds/${path}`, import.meta.url), 'utf8');
const shipped: Dataset = await loadShippedDataset();
const jinchang: Region = shipped.regions.find((r) => r.id === 'jinchang')!;
const chain = shipped.chains[0]!;

describe('shipped data', () => {
  it('validates with no errors; its only warnings are the records no source places on a link', () => {
    const files = ['battery-chain.json', 'jinchang.json', 'hexi.json'];
    const raw = mergeDatasets(...files.map((f) => JSON.parse(seedText(f))));
    const result = validateDataset(raw);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // What the app loads is the validator's own copy, made at build time: the same text, so the same
    // fingerprint as when the app checked it on every first visit.
    expect(result.ok && JSON.stringify(shipped)).toBe(JSON.stringify(result.ok && result.dataset));
    expect(result.issues.map((i) => `${i.code} ${i.record.kind} ${i.record.id}`).sort()).toEqual([
      // Lanzhou New Area's anode makers: the notes do not say which anode.
      'no-links enterprise byd',
      // Hanxing's cells: the article gives no chemistry.
      'no-links enterprise hanxing',
      // Jiuquan's storage cells: the notes give no chemistry or format.
      'no-links enterprise nandu',
      'no-links enterprise zhongke',
      'no-links project hanxing-1e8ah',
      'no-links project nandu-storage-cells-4gwh',
    ]);
  });

  it('ships Jinchang first (the app opens on the first region), then the Hexi Corridor regions', () => {
    expect(shipped.regions.map((r) => r.id)).toEqual([
      'jinchang',
      'jiuquan',
      'wuwei',
      'jiayuguan',
      'zhangye',
      'lanzhou-new-area',
      'baiyin',
    ]);
    for (const r of shipped.regions) expect(r.chainId, r.id).toBe(chain.id);
  });

  it('has a battery-chain template of 70–90 links in the six sub-chains, with cycles through recycling', () => {
    expect(chain.links.length).toBeGreaterThanOrEqual(70);
    expect(chain.links.length).toBeLessThanOrEqual(90);
    expect(chain.subChains.map((s) => s.id)).toEqual(['raw', 'cathode', 'anode', 'electrolyte', 'cells', 'recycling']);
    for (const l of chain.links) {
      expect(l.name.zh.trim(), l.id).not.toBe('');
      expect(l.name.en.trim(), l.id).not.toBe('');
    }
    expect(chain.edges.some((e) => e.from === 'hydromet' && e.to === 'niso4')).toBe(true);
  });

  it('cites the article for every status, project, enterprise and indicator of Jinchang it reports', () => {
    const cited = (x: { sources: readonly Citation[] }) =>
      x.sources.some((c) => c.sourceId === 'gsdaily-2024-jinchang');
    const withoutArticle: string[] = [];
    for (const list of [jinchang.linkStates, jinchang.projects, jinchang.enterprises, jinchang.indicators]) {
      for (const x of list) {
        expect(x.sources.length, JSON.stringify(x).slice(0, 80)).toBeGreaterThan(0);
        if (!cited(x)) withoutArticle.push('linkId' in x ? x.linkId : x.id);
      }
    }
    // Facts the article does not report come from the reference notes, each with its own source.
    expect(withoutArticle).toEqual([
      ...['co3o4', 'ncm_cam', 'other_cam', 'cu_foil', 'cell_prism'],
      ...['jintuo-lfp-2gwh', 'jinchuan-cu-foil-30kt'],
      ...['local-supply-share-2022', 'local-supply-target-2022', 'local-supply-share-2023-03'],
      'battery-material-firms-2022',
      ...['target-cathode-2025', 'target-cells-2025', 'target-output-2025'],
      ...['target-cathode-2030', 'target-cells-2030', 'target-output-2030'],
    ]);
  });

  it('carries material intensities with their sources where the reference gives them', () => {
    const edge = chain.edges.find((e) => e.from === 'niso4' && e.to === 'ncm_pcam')!;
    expect(edge.intensities?.find((i) => i.chemistry === 'NMC811')).toMatchObject({
      value: 0.658,
      unit: 'kg/kWh',
      measure: 'Ni',
    });
    const lfp = chain.edges.find((e) => e.from === 'lfp_cam' && e.to === 'cell_lfp')!;
    expect(lfp.intensities?.[0]).toMatchObject({ value: 2, unit: 'kg/kWh', chemistry: 'LFP' });
  });
});

describe('template corrections', () => {
  const inputs = (id: string) => chain.edges.filter((e) => e.to === id).map((e) => e.from);
  const outputs = (id: string) => chain.edges.filter((e) => e.from === id).map((e) => e.to);

  it('refined cobalt and nickel metal feed their sulphates', () => {
    expect(outputs('co_refined')).toEqual(['coso4']);
    expect(inputs('coso4')).toContain('co_refined');
    expect(inputs('niso4')).toContain('ni_metal');
  });

  it('CMC/SBR is not made from PE/PP resin', () => {
    expect(inputs('cmc_sbr')).toEqual([]);
    expect(outputs('polymer')).not.toContain('cmc_sbr');
  });

  it('smelter acid is a co-product of smelting ore and concentrate, not made from the metal', () => {
    expect(inputs('h2so4').sort()).toEqual(['cu_conc', 'ni_ore']);
    expect(inputs('cu')).toEqual(['cu_conc', 'scrap_cu_al']);
    for (const from of inputs('h2so4')) {
      const note = chain.edges.find((e) => e.from === from && e.to === 'h2so4')?.note;
      expect(note?.en, from).toMatch(/co-product of smelting/);
    }
  });

  it('storage systems are built from packs, as the reference has it', () => {
    expect(inputs('ess')).toEqual(['pack', 'pcs_ems', 'second_life']);
    expect(chain.edges.find((e) => e.from === 'pack' && e.to === 'ess')?.sources[0]?.quote).toBe(
      'ess 储能系统 app <- pack, pcs_ems, second_life',
    );
  });

  it('soda ash, one of the article’s “three acids, two alkalis”, feeds lithium carbonate', () => {
    const soda = chain.links.find((l) => l.id === 'soda_ash')!;
    expect(soda.name).toEqual({ zh: '纯碱', en: 'Soda ash' });
    expect(soda.sources.map((c) => c.quote)).toContain('“三酸两碱”化工原料俱全');
    expect(outputs('soda_ash')).toEqual(['li2co3']);
  });

  it('gives every per-kWh intensity into a cell in kg/kWh, so the masses add up', () => {
    const foil = chain.edges
      .filter((e) => e.from === 'al_foil')
      .flatMap((e) => e.intensities ?? [])
      .map((i) => [i.chemistry, i.unit, i.value, i.range]);
    // The source's 300–450 and 400–600 t/GWh, at 1 t/GWh = 0.001 kg/kWh.
    expect(foil).toEqual([
      ['NCM', 'kg/kWh', 0.375, [0.3, 0.45]],
      ['LFP', 'kg/kWh', 0.5, [0.4, 0.6]],
    ]);
    const cells = new Set(['cell_ncm', 'cell_lfp', 'cell_other']);
    for (const e of chain.edges.filter((x) => cells.has(x.to)))
      for (const i of e.intensities ?? []) expect(i.unit, `${e.from} → ${e.to}`).toBe('kg/kWh');
  });
});

describe('names as planners say them', () => {
  const link = (id: string) => chain.links.find((l) => l.id === id)!;
  const search = buildSearchIndex(chain.links, (text) => pinyin(text, { toneType: 'none', type: 'array' }));
  const found = (q: string) => searchLinks(search, q).map((h) => h.id);

  it('uses the names a Chinese planner writes, keeping the old ones as aliases', () => {
    expect(link('additives').name.zh).toBe('电解液添加剂');
    expect(link('lfp_cam').name.zh).toBe('磷酸铁锂正极材料');
    expect(link('hydromet').name.zh).toBe('湿法回收');
    expect(link('lioh').name.zh).toBe('氢氧化锂');
    expect(link('pack').name.zh).toBe('电池包');
    expect(link('pack').aliases).toContain('模组/PACK');
    expect(chain.subChains.find((s) => s.id === 'cells')?.name.en).toBe('Cells, motors and electric controls');
  });

  it('finds the battery, not the vehicle, for 动力电池 (power battery)', () => {
    const hits = found('动力电池');
    expect(hits[0]).toBe('pack');
    expect(hits).toContain('cell_ncm');
    expect(hits).not.toContain('ev');
    for (const q of ['donglidianchi', 'dldc']) expect(found(q), q).not.toContain('ev');
    // The vehicle is still found by its own names.
    expect(found('新能源汽车')[0]).toBe('ev');
    expect(found('电动汽车')[0]).toBe('ev');
  });
});

describe('Jinchang facts from the article', () => {
  const states = statesByLink(jinchang);
  const indicator = (id: string): Indicator => {
    const found = jinchang.indicators.find((i) => i.id === id);
    expect(found, id).toBeDefined();
    return found!;
  };
  const project = (id: string) => jinchang.projects.find((p) => p.id === id)!;

  it('production capacity: 250,000 t nickel, 1,400,000 t copper, 17,000 t cobalt, present but not strong', () => {
    // “Strong” needs an anchor firm, and the article names none behind these city-wide capacities.
    expect(states.get('ni_metal')).toMatchObject({ status: 'present', capacity: { value: 250000, unit: 't/a' } });
    expect(states.get('cu')).toMatchObject({ status: 'present', capacity: { value: 1400000, unit: 't/a' } });
    expect(states.get('co_refined')).toMatchObject({ status: 'present', capacity: { value: 17000, unit: 't/a' } });
    for (const id of ['ni_metal', 'cu', 'co_refined']) expect(states.get(id)?.note?.en, id).toMatch(/anchor firm/);
  });

  it('the “三酸两碱” base and sulfur, phosphorus and fluorine chemistry: 60+ products, 10 Mt+ capacity', () => {
    expect(states.get('h2so4')?.status).toBe('present');
    expect(states.get('chlor_alkali')?.status).toBe('present');
    expect(states.get('h2so4')?.sources[0]?.quote).toContain('三酸两碱');
    expect(indicator('chemical-products').value).toEqual({ value: 60, unit: 'count', qualifier: 'over' });
    expect(indicator('chemical-capacity').value).toEqual({ value: 10000000, unit: 't/a', qualifier: 'over' });
    expect(indicator('chemical-products').sources[0]?.quote).toMatch(/硫化工、磷化工、氟化工/);
  });

  it('says no more than its sources: each corrected status is unknown or the weaker one, with its note', () => {
    const corrected: Record<string, { status: string; note: RegExp }> = {
      // ¶7: lithium raw material is local, not which compound.
      li2co3: { status: 'unknown', note: /not which compound/ },
      // ¶7 speaks of the raw materials for the salts; Jinchuan's products name nickel sulphate only.
      niso4: { status: 'present', note: /Jinchuan Group’s products include nickel sulphate/ },
      coso4: { status: 'unknown', note: /not of the salts themselves/ },
      // 资源丰富 describes resources, not production.
      ni_ore: { status: 'unknown', note: /not mining or production/ },
      co_feed: { status: 'unknown', note: /not mining or production/ },
      mn_ore: { status: 'unknown', note: /nor that ore is mined locally/ },
      power: { status: 'unknown', note: /not generation/ },
      // Jinchuan's precursors are already made; the 70 kt is the programme being extended.
      ncm_pcam: { status: 'present', note: /phase 1 \(30 kt\) in the Jinchang development zone/ },
    };
    for (const [id, want] of Object.entries(corrected)) {
      const s = states.get(id);
      expect(s?.status, id).toBe(want.status);
      expect(s?.note?.en, id).toMatch(want.note);
      expect(s?.note?.zh.trim(), id).not.toBe('');
    }
    const cites = (id: string) => states.get(id)!.sources.map((c) => c.sourceId);
    expect(cites('niso4')).toContain('jnmc-2022-06-25');
    expect(cites('ncm_pcam')).toEqual(expect.arrayContaining(['jnmc-2022-06-25', 'gsdaily-2024-jinchang']));
    // Iron and phosphoric acid stay local: ¶7 names them among the raw materials produced locally.
    for (const id of ['fe_src', 'h3po4']) expect(states.get(id)?.status, id).toBe('present');
    expect(jinchang.linkStates.filter((s) => s.status === 'strong')).toEqual([]);
  });

  it('shows the four sub-chains ¶13 says have formed on the region, not as statuses of links no source names', () => {
    const formed = '金昌市围绕电池电芯及电机电控、正极材料、负极材料、电解液及其他辅料等已经形成4个细分产业链';
    expect(jinchang.focus?.sources.map((c) => c.quote)).toContain(formed);
    expect(indicator('subchains-formed').note?.en).toMatch(/stay unknown/);
    const anodeAndElectrolyte = chain.links.filter((l) => l.subChain === 'anode' || l.id === 'electrolyte');
    for (const l of anodeAndElectrolyte) expect(states.get(l.id)?.status ?? 'unknown', l.id).toBe('unknown');
    for (const id of ['motor', 'motor_ctrl', 'ndfeb']) expect(states.get(id)?.status ?? 'unknown', id).toBe('unknown');
  });

  it('the signing on 2022-04-07 of 44 projects worth 456.8亿元', () => {
    expect(indicator('signed-projects-2022')).toMatchObject({
      period: '2022-04-07',
      value: { value: 44, unit: 'count' },
    });
    expect(indicator('signed-value-2022')).toMatchObject({
      period: '2022-04-07',
      value: { value: 45680000000, unit: 'CNY' },
    });
  });

  it('the NCM and LFP focus for storage, power and consumer uses, and the four sub-chains', () => {
    // The chemistries the article names, and the formats its cells come in (18650 cylindrical, and the
    // reference notes' prismatic LFP storage cells).
    expect(jinchang.focus?.products).toEqual(['cell_ncm', 'cell_lfp', 'cell_cyl', 'cell_prism']);
    expect(jinchang.focus?.applications).toEqual(['ess', 'ev', 'consumer']);
    expect(jinchang.focus?.subChains).toEqual(['cells', 'cathode', 'anode', 'electrolyte']);
    expect(indicator('subchains-formed').value).toEqual({ value: 4, unit: 'count' });
  });

  it('18650 ternary cells in volume production at 金拓锂电 and 金宏翔, on the NCM and the cylindrical links', () => {
    expect(states.get('cell_ncm')?.status).toBe('present');
    expect(states.get('cell_cyl')?.status).toBe('present');
    for (const id of ['jintuo-18650', 'jinhongxiang-18650']) {
      expect(project(id)).toMatchObject({ status: 'operating', linkIds: ['cell_ncm', 'cell_cyl'] });
    }
    for (const link of ['cell_ncm', 'cell_cyl'])
      expect(
        jinchang.enterprises.filter((e) => e.linkIds.includes(link)).map((e) => e.name.zh),
        link,
      ).toEqual(['金拓锂电', '金宏翔']);
  });

  it('no local cell is a pouch cell, the only format that takes pouch film', () => {
    expect(chain.edges.filter((e) => e.from === 'pouch_film').map((e) => e.to)).toEqual(['cell_pouch']);
    expect(states.get('cell_pouch')).toBeUndefined();
    expect(jinchang.projects.filter((p) => p.linkIds.includes('cell_pouch'))).toEqual([]);
  });

  it('金车储能 2 GWh LFP cells and 汉星 100 million Ah cells built and operating', () => {
    expect(project('jinche-lfp-2gwh')).toMatchObject({ status: 'operating', capacity: { value: 2, unit: 'GWh/a' } });
    expect(project('hanxing-1e8ah')).toMatchObject({
      status: 'operating',
      capacity: { value: 100000000, unit: 'Ah/a' },
    });
  });

  it('32 GWh of cells under construction, with 金川集团 70,000 t precursor and 金车 18 GWh LFP', () => {
    expect(indicator('cells-under-construction').value).toEqual({ value: 32, unit: 'GWh/a' });
    expect(project('jinchuan-pcam-70kt')).toMatchObject({
      status: 'building',
      linkIds: ['ncm_pcam'],
      enterpriseIds: ['jinchuan'],
      capacity: { value: 70000, unit: 't/a' },
    });
    expect(project('jinche-lfp-18gwh')).toMatchObject({ status: 'building', capacity: { value: 18, unit: 'GWh/a' } });
    // The precursor is already made (the reference notes); the 70 kt project extends it.
    expect(states.get('ncm_pcam')?.status).toBe('present');
  });

  it('carbonate solvents, separators and aluminium-plastic film being introduced', () => {
    for (const id of ['cyc_carb', 'lin_carb', 'separator', 'pouch_film'])
      expect(states.get(id)?.status, id).toBe('attracting');
  });

  it('a 77% local supply share of battery raw materials, as a reported indicator', () => {
    expect(indicator('local-supply-share')).toMatchObject({ value: { value: 77, unit: 'percent' }, period: '2024' });
  });

  it('output of 260亿元 in 2023 (+40.5%) and 216亿元 in the first half of 2024 (+65.5%)', () => {
    expect(indicator('battery-output-2023')).toMatchObject({
      value: { value: 26000000000, unit: 'CNY' },
      period: '2023',
      changePercent: 40.5,
    });
    expect(indicator('battery-output-2024h1')).toMatchObject({
      value: { value: 21600000000, unit: 'CNY' },
      period: '2024-H1',
      changePercent: 65.5,
    });
  });

  it('battery recycling as a supporting industry', () => {
    expect(jinchang.focus?.supporting).toEqual(expect.arrayContaining(['black_mass', 'hydromet']));
    expect(jinchang.focus?.sources.some((c) => c.quote === '配套发展电池回收等产业')).toBe(true);
  });

  it('the development zone: GDP 373亿元 +16.5%, rank 65 of 230 after 147, 78, 121; enterprises and R&D', () => {
    expect(indicator('zone-gdp-2023')).toMatchObject({
      value: { value: 37300000000, unit: 'CNY' },
      changePercent: 16.5,
    });
    expect(indicator('zone-rank-2023')).toMatchObject({
      value: { value: 65, unit: 'rank' },
      outOf: 230,
      period: '2023',
    });
    expect(['2020', '2021', '2022'].map((y) => indicator(`zone-rank-${y}`).value.value)).toEqual([147, 78, 121]);
    expect(indicator('zone-four-above').value.value).toBe(145);
    expect(indicator('zone-high-tech').value.value).toBe(44);
    expect(indicator('zone-specialised').value.value).toBe(20);
    expect(indicator('zone-rnd').value.value).toBe(35);
    for (const id of ['zone-gdp-2023', 'zone-rank-2023', 'zone-rnd'])
      expect(indicator(id).subject?.zh).toBe('金昌经开区');
  });

  it('leaves links the article says nothing about unknown rather than guessed', () => {
    for (const id of ['lioh', 'ncm_cam', 'lfp_cam', 'fepo4', 'syn_anode', 'electrolyte', 'lipf6', 'ess', 'ev']) {
      expect(states.get(id)?.status ?? 'unknown', id).toBe('unknown');
    }
  });
});

describe('Jinchang facts from the reference notes, each with its own source', () => {
  const indicator = (id: string) => jinchang.indicators.find((i) => i.id === id)!;
  const project = (id: string) => jinchang.projects.find((p) => p.id === id)!;
  const sourceOf = (x: { sources: readonly Citation[] }) => x.sources.map((c) => c.sourceId);
  const source = (id: string) => shipped.sources.find((s) => s.id === id)!;

  it('holds a source record with publisher and date for every dated fact', () => {
    expect(source('jjrb-2022-06-03')).toMatchObject({ publisher: '经济日报 Economic Daily', date: '2022-06-03' });
    expect(source('cwan-2023-03-08')).toMatchObject({ date: '2023-03-08' });
    expect(source('ofweek-2023-11')).toMatchObject({ publisher: '维科网锂电 OFweek Lithium Battery', date: '2023-11' });
    expect(source('jnmc-2022-06-25')).toMatchObject({ date: '2022-06-25' });
  });

  it('local supply share as one series, 65%+ in 2022, 75% in March 2023, 77% in 2024, with its 82% target', () => {
    const series = jinchang.indicators.filter((i) => i.name.en === 'Local supply share of battery raw materials');
    expect(series.map((i) => [i.period, i.value.value, i.value.qualifier ?? '', sourceOf(i)[0]])).toEqual([
      ['2022-06', 65, 'over', 'jjrb-2022-06-03'],
      ['2023-03', 75, '', 'cwan-2023-03-08'],
      ['2024', 77, '', 'gsdaily-2024-jinchang'],
    ]);
    expect(indicator('local-supply-target-2022')).toMatchObject({ value: { value: 82, unit: 'percent' } });
    expect(indicator('local-supply-target-2022').note?.en).toMatch(/^A target, not a result/);
    expect(indicator('battery-material-firms-2022')).toMatchObject({
      value: { value: 33, unit: 'count' },
      period: '2022',
    });
  });

  it('the October 2023 policy targets for 2025 and 2030, as indicators dated by their target year', () => {
    const targets = jinchang.indicators.filter((i) => i.id.startsWith('target-'));
    expect(targets.map((i) => [i.id, i.period, i.value.value, i.value.unit])).toEqual([
      ['target-cathode-2025', '2025', 100000, 't/a'],
      ['target-cells-2025', '2025', 50, 'GWh/a'],
      ['target-output-2025', '2025', 80000000000, 'CNY'],
      ['target-cathode-2030', '2030', 200000, 't/a'],
      ['target-cells-2030', '2030', 100, 'GWh/a'],
      ['target-output-2030', '2030', 150000000000, 'CNY'],
    ]);
    for (const t of targets) {
      expect(t.note?.en, t.id).toMatch(/^A target, not a result/);
      expect(sourceOf(t), t.id).toEqual(['ofweek-2023-11']);
    }
  });

  it('Jinchuan’s products and its copper-foil project; the cell lines’ rates and dates', () => {
    expect(jinchang.enterprises.find((e) => e.id === 'jinchuan')?.note?.en).toMatch(
      /nickel sulphate, Co3O4, NCM precursors and cathodes, LMO and pure nickel strip/,
    );
    expect(project('jinchuan-cu-foil-30kt')).toMatchObject({
      status: 'building',
      linkIds: ['cu_foil'],
      capacity: { value: 30000, unit: 't/a' },
      dates: { started: '2022' },
    });
    for (const id of ['jintuo-18650', 'jinhongxiang-18650'])
      expect(project(id).capacity, id).toEqual({ value: 250000, unit: 'cells/d' });
    expect(project('jinhongxiang-18650').dates).toEqual({ operating: '2023-05-28' });
    expect(project('jinche-lfp-18gwh').dates).toEqual({ started: '2022-08-03' });
  });

  it('the 2 GWh LFP plant both ways: 金车储能 by the article, 金拓锂电 by the reference notes', () => {
    const jinche = project('jinche-lfp-2gwh');
    const jintuo = project('jintuo-lfp-2gwh');
    expect(jinche).toMatchObject({ enterpriseIds: ['jinche'], capacity: { value: 2, unit: 'GWh/a' } });
    expect(jintuo).toMatchObject({ enterpriseIds: ['jintuo'], capacity: { value: 2, unit: 'GWh/a' } });
    expect(sourceOf(jinche)).toEqual(['gsdaily-2024-jinchang']);
    expect(sourceOf(jintuo)).toEqual(['ref-battery-chain']);
    for (const p of [jinche, jintuo]) expect(p.note?.en, p.id).toMatch(/sources disagree/);
    // Not added up: the link holds 2 GWh, and says why.
    expect(statesByLink(jinchang).get('cell_lfp')).toMatchObject({ capacity: { value: 2, unit: 'GWh/a' } });
    expect(statesByLink(jinchang).get('cell_lfp')?.note?.en).toMatch(/may mean the same plant/);
  });
});

describe('the Hexi Corridor regions, each with what the reference notes say and the rest unknown', () => {
  const region = (id: string) => shipped.regions.find((r) => r.id === id)!;
  const known = (id: string) =>
    region(id)
      .linkStates.filter((s) => s.status !== 'unknown')
      .map((s) => [s.linkId, s.status, s.capacity?.value, s.capacity?.unit]);

  it('Jiuquan: 南都电源’s 4 GWh of storage cells, started 2023-09, on no link (no chemistry or format given)', () => {
    expect(known('jiuquan')).toEqual([]);
    expect(region('jiuquan').projects[0]).toMatchObject({
      enterpriseIds: ['nandu'],
      capacity: { value: 4, unit: 'GWh/a' },
      dates: { started: '2023-09' },
      linkIds: [],
    });
  });

  it('Wuwei: 卫恒 integrates 3 GW of storage a year', () => {
    expect(known('wuwei')).toEqual([['ess', 'present', 3, 'GW/a']]);
    expect(region('wuwei').enterprises.map((e) => [e.name.zh, e.linkIds])).toEqual([['甘肃卫恒储能', ['ess']]]);
  });

  it('Jiayuguan: JISCO’s 1.35 Mt of aluminium a year, strong: at scale with an anchor firm', () => {
    expect(known('jiayuguan')).toEqual([['al', 'strong', 1350000, 't/a']]);
    expect(region('jiayuguan').enterprises.map((e) => [e.id, e.linkIds])).toEqual([['jisco', ['al']]]);
  });

  it('Zhangye: PV-storage-hydrogen demonstrations and no battery manufacturing found, said in notes, all unknown', () => {
    expect(known('zhangye')).toEqual([]);
    const noted = region('zhangye').linkStates;
    expect(noted.map((s) => s.linkId)).toEqual(['cell_ncm', 'cell_lfp', 'cell_other', 'pack', 'ess']);
    for (const s of noted) expect(s.note?.en, s.linkId).toMatch(/PV-storage-hydrogen demonstrations/);
    expect(noted[0]!.note?.en).toMatch(/not the same as a source saying there is none/);
  });

  it('Lanzhou New Area: 100 kt of anode a year with BYD, kept as a figure since the notes do not say which anode', () => {
    expect(known('lanzhou-new-area')).toEqual([]);
    expect(region('lanzhou-new-area').indicators).toEqual([
      expect.objectContaining({
        value: { value: 100000, unit: 't/a' },
        linkIds: ['nat_anode', 'syn_anode', 'si_anode'],
      }),
    ]);
    expect(region('lanzhou-new-area').enterprises.map((e) => e.name.zh)).toEqual(['中科电气', '比亚迪']);
  });

  it('Baiyin: 100 kt of iron phosphate', () => {
    expect(known('baiyin')).toEqual([['fepo4', 'present', 100000, 't/a']]);
  });
});
