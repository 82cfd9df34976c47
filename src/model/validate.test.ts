import { describe, expect, it } from 'vitest';
import { mutable, tinyDataset } from './testing';
import type { ValidationIssue } from './issues';
import { FORMAT_VERSION, MAX_SOURCE_TEXT_LENGTH } from './types';
import { validateDataset } from './validate';

function errorsOf(input: unknown): ValidationIssue[] {
  const result = validateDataset(input);
  return result.issues.filter((i) => i.severity === 'error');
}

/** Breaks a copy of the tiny dataset with `mutate` and returns the single error it must cause. */
function onlyError(mutate: (d: any) => void): ValidationIssue {
  const d = mutable(tinyDataset());
  mutate(d);
  const errors = errorsOf(d);
  expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
  return errors[0]!;
}

describe('validateDataset', () => {
  it('accepts a valid dataset and returns it unchanged', () => {
    const result = validateDataset(tinyDataset());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.dataset).toEqual(tinyDataset());
  });

  it('refuses something that is not an object', () => {
    for (const input of [null, 42, 'text', [1, 2]]) {
      const errors = errorsOf(input);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.code).toBe('not-object');
    }
  });

  it('refuses a file without a format version', () => {
    const e = onlyError((d) => delete d.format);
    expect(e).toMatchObject({ code: 'format-missing', path: '$.format' });
  });

  it('refuses a format from a newer version and says which', () => {
    const e = onlyError((d) => (d.format = 99));
    expect(e.code).toBe('format-unsupported');
    expect(e.message).toContain('newer');
    expect(e.params).toMatchObject({ value: 99, current: FORMAT_VERSION });
  });

  it('names the record, field and path of a missing required field', () => {
    const e = onlyError((d) => delete d.chains[0].links[1].stage);
    expect(e).toMatchObject({
      code: 'required',
      path: 'chains[0].links[1].stage',
      record: { kind: 'link', id: 'b' },
      field: 'stage',
    });
    expect(e.message).toBe('link "b", field "stage" (chains[0].links[1].stage): is required but missing');
  });

  it('reports a wrong type, with what was expected', () => {
    const e = onlyError((d) => (d.regions[0].projects[0].capacity.value = '10 t'));
    expect(e).toMatchObject({
      code: 'type',
      path: 'regions[0].projects[0].capacity.value',
      field: 'capacity.value',
      record: { kind: 'project', id: 'p1' },
      params: { expected: 'a number', actual: 'string' },
    });
  });

  it('reports an empty name in the language that is empty', () => {
    const e = onlyError((d) => (d.chains[0].links[0].name.zh = '  '));
    expect(e).toMatchObject({ code: 'empty', path: 'chains[0].links[0].name.zh', field: 'name.zh' });
  });

  it('reports a value outside an enumeration with the allowed values', () => {
    const e = onlyError((d) => (d.regions[0].linkStates[0].status = 'done'));
    expect(e.code).toBe('enum');
    expect(e.path).toBe('regions[0].linkStates[0].status');
    expect(e.params.allowed).toBe('strong, present, building, attracting, missing, unknown');
  });

  it('reports an id that cannot go in a route', () => {
    const e = onlyError((d) => (d.chains[0].links[2].id = 'c c'));
    expect(e).toMatchObject({ code: 'id-pattern', path: 'chains[0].links[2].id' });
  });

  it('reports a duplicate id', () => {
    const e = onlyError((d) => {
      d.regions[0].enterprises.push({ ...d.regions[0].enterprises[0] });
    });
    expect(e).toMatchObject({ code: 'duplicate-id', path: 'regions[0].enterprises[1].id' });
  });

  it('reports two states for one link', () => {
    const e = onlyError((d) => d.regions[0].linkStates.push({ ...d.regions[0].linkStates[0], status: 'missing' }));
    expect(e).toMatchObject({ code: 'duplicate-id', path: 'regions[0].linkStates[1].linkId' });
  });

  it('reports an edge to a link that does not exist', () => {
    const e = onlyError((d) => (d.chains[0].edges[0].to = 'zz'));
    expect(e).toMatchObject({
      code: 'unknown-ref',
      path: 'chains[0].edges[0].to',
      record: { kind: 'edge', id: 'a → zz' },
      params: { value: 'zz', target: 'link' },
    });
  });

  it('reports a state, project or enterprise on an unknown link', () => {
    expect(onlyError((d) => (d.regions[0].linkStates[0].linkId = 'zz')).path).toBe('regions[0].linkStates[0].linkId');
    expect(onlyError((d) => (d.regions[0].projects[0].linkIds = ['zz'])).path).toBe(
      'regions[0].projects[0].linkIds[0]',
    );
    expect(onlyError((d) => (d.regions[0].enterprises[0].linkIds = ['a', 'zz'])).path).toBe(
      'regions[0].enterprises[0].linkIds[1]',
    );
  });

  it('reports a project naming an enterprise that does not exist', () => {
    const e = onlyError((d) => (d.regions[0].projects[0].enterpriseIds = ['e9']));
    expect(e).toMatchObject({ code: 'unknown-ref', params: { target: 'enterprise', value: 'e9' } });
  });

  it('reports a region on an unknown chain, and a link in an unknown sub-chain', () => {
    expect(onlyError((d) => (d.regions[0].chainId = 'solar')).path).toBe('regions[0].chainId');
    expect(onlyError((d) => (d.chains[0].links[0].subChain = 'anode')).path).toBe('chains[0].links[0].subChain');
  });

  it('reports a citation of a source that is not in the dataset', () => {
    const e = onlyError((d) => (d.regions[0].indicators[0].sources[0].sourceId = 'nowhere'));
    expect(e).toMatchObject({ code: 'unknown-ref', path: 'regions[0].indicators[0].sources[0].sourceId' });
  });

  it('keeps the translation of a quote, and reports one that is not text or translates no quote', () => {
    const d = mutable(tinyDataset());
    d.regions[0].indicators[0].sources[0] = {
      sourceId: 'src',
      locator: '¶1',
      quote: '积极引进隔膜项目',
      translation: { en: 'Actively bringing in separator projects', zh: '' },
    };
    const result = validateDataset(d);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.ok && result.dataset.regions[0]!.indicators[0]!.sources[0]).toEqual({
      sourceId: 'src',
      locator: '¶1',
      quote: '积极引进隔膜项目',
      translation: { en: 'Actively bringing in separator projects' },
    });
    const notText = onlyError(
      (x) =>
        (x.regions[0].indicators[0].sources[0] = { ...d.regions[0].indicators[0].sources[0], translation: { en: 7 } }),
    );
    expect(notText).toMatchObject({ code: 'type', path: 'regions[0].indicators[0].sources[0].translation.en' });
    const notObject = onlyError(
      (x) =>
        (x.regions[0].indicators[0].sources[0] = {
          ...d.regions[0].indicators[0].sources[0],
          translation: 'Separators',
        }),
    );
    expect(notObject).toMatchObject({ code: 'type', path: 'regions[0].indicators[0].sources[0].translation' });
    const noQuote = onlyError(
      (x) =>
        (x.regions[0].indicators[0].sources[0] = { sourceId: 'src', locator: '¶1', translation: { en: 'Separators' } }),
    );
    expect(noQuote).toMatchObject({ code: 'required', path: 'regions[0].indicators[0].sources[0].quote' });
  });

  it('requires a citation on every status but unknown', () => {
    const e = onlyError((d) => (d.regions[0].linkStates[0].sources = []));
    expect(e).toMatchObject({ code: 'no-citation', path: 'regions[0].linkStates[0].sources' });
    const d = mutable(tinyDataset());
    d.regions[0].linkStates[0] = { linkId: 'a', status: 'unknown', asOf: '2024', sources: [] };
    expect(errorsOf(d)).toEqual([]);
  });

  it('reports dates that do not exist', () => {
    for (const bad of ['2024-02-30', '2024-13', '24', '2024/06/30', '2024-H3']) {
      const e = onlyError((d) => (d.regions[0].asOf = bad));
      expect(e).toMatchObject({ code: 'date', path: 'regions[0].asOf', params: { value: bad } });
    }
    for (const good of ['2024', '2024-02', '2024-02-29', '2024-H1', '2024-Q4']) {
      const d = mutable(tinyDataset());
      d.regions[0].asOf = good;
      expect(errorsOf(d)).toEqual([]);
    }
  });

  it('reports numbers that are not finite, negative capacities and shares over 100%', () => {
    expect(onlyError((d) => (d.regions[0].projects[0].capacity.value = -5)).code).toBe('negative');
    expect(onlyError((d) => (d.regions[0].indicators[0].value.value = 177)).code).toBe('out-of-range');
    const d = mutable(tinyDataset());
    d.regions[0].projects[0].capacity.value = Infinity;
    expect(errorsOf(d)[0]!.code).toBe('number');
  });

  it('reports an unknown unit', () => {
    const e = onlyError((d) => (d.regions[0].projects[0].capacity.unit = '万吨'));
    expect(e).toMatchObject({ code: 'unit', path: 'regions[0].projects[0].capacity.unit', params: { value: '万吨' } });
  });

  it('reports a link that supplies itself and an edge listed twice', () => {
    expect(
      onlyError((d) => d.chains[0].edges.push({ from: 'c', to: 'c', sources: d.chains[0].edges[0].sources })).code,
    ).toBe('self-loop');
    expect(onlyError((d) => d.chains[0].edges.push({ ...d.chains[0].edges[0] })).code).toBe('duplicate-edge');
  });

  it('reports an intensity without a source', () => {
    const e = onlyError((d) => (d.chains[0].edges[0].intensities = [{ value: 1, unit: 't/t' }]));
    expect(e).toMatchObject({ code: 'no-citation', path: 'chains[0].edges[0].intensities[0].source' });
  });

  it('reports every problem at once, not just the first', () => {
    const d = mutable(tinyDataset());
    d.chains[0].links[0].stage = 'x';
    d.regions[0].projects[0].status = 'y';
    d.sources[0].date = 'z';
    expect(errorsOf(d).map((e) => e.path)).toEqual([
      'sources[0].date',
      'chains[0].links[0].stage',
      'regions[0].projects[0].status',
    ]);
  });

  it('warns, without failing, about an enterprise on no link and a source never cited', () => {
    const d = mutable(tinyDataset());
    d.regions[0].enterprises[0].linkIds = [];
    d.sources.push({ id: 'spare', title: 'T', publisher: 'P' });
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual([
      ['warning', 'no-links'],
      ['warning', 'uncited-source'],
    ]);
  });

  it('keeps only known fields, so nothing unexpected reaches the store', () => {
    const d = mutable(tinyDataset());
    d.chains[0].links[0].onclick = 'alert(1)';
    d.extra = { big: true };
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.dataset.chains[0]!.links[0]).not.toHaveProperty('onclick');
      expect(result.dataset).not.toHaveProperty('extra');
    }
  });

  it('reports a value nested 100,000 levels deep in an id list or the format at its place, without recursing', () => {
    let deep: unknown = 'a';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const e = onlyError((d) => (d.regions[0].enterprises[0].linkIds = [deep]));
    expect(e).toMatchObject({
      code: 'id-pattern',
      path: 'regions[0].enterprises[0].linkIds[0]',
      params: { value: 'a list' },
    });
    expect(onlyError((d) => (d.format = deep))).toMatchObject({ code: 'format-unsupported', path: '$.format' });
  });

  it('quotes at most a hundred characters of a bad value', () => {
    const e = onlyError((d) => (d.regions[0].linkStates[0].status = 'x'.repeat(1_000_000)));
    expect(e.params.value).toBe(`${'x'.repeat(100)}…`);
    expect(e.message.length).toBeLessThan(300);
  });

  it('does not let a __proto__ key change objects', () => {
    const d = JSON.parse(JSON.stringify(tinyDataset()).replace('"id":"a"', '"__proto__":{"polluted":1},"id":"a"'));
    validateDataset(d);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('format 2: saved views and briefings', () => {
  const view = {
    id: 'v1',
    title: 'Cathode gaps',
    route: '#/gaps?sub=cathode',
    lang: 'zh',
    box: { x1: 0, y1: 0, x2: 100, y2: 50 },
    createdAt: '2026-11-26T08:00:00Z',
  };

  it('reads a format 1 file as format 2 with no views or briefings', () => {
    const d = mutable(tinyDataset());
    d.format = 1;
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.dataset).toEqual(tinyDataset());
  });

  it('reads a format 2 target, kept as a figure whose note says so, as a format 3 target; nothing else changes', () => {
    const d = mutable(tinyDataset());
    d.format = 2;
    const note = { zh: '目标，不是实际数值', en: 'A target, not a result: 90% by 2030.' };
    d.regions[0].indicators.push({ ...d.regions[0].indicators[0], id: 't', period: '2030', note });
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [figure, target] = result.dataset.regions[0]!.indicators;
    expect(target).toMatchObject({ id: 't', target: true, note });
    expect(figure).toEqual(tinyDataset().regions[0]!.indicators[0]);
  });

  it('refuses a target flag that is not true or false', () => {
    const d = mutable(tinyDataset());
    d.regions[0].indicators[0].target = 'yes';
    const result = validateDataset(d);
    expect(result.ok).toBe(false);
  });

  it('keeps views and briefings, in order', () => {
    const d = mutable(tinyDataset());
    d.views = [view, { ...view, id: 'v2', title: 'Whole chain', route: '#/', box: undefined }];
    d.briefings = [{ id: 'b1', title: 'Board meeting', viewIds: ['v2', 'v1'], createdAt: '2026-11-26T08:05:00Z' }];
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.dataset.views?.map((v) => v.id)).toEqual(['v1', 'v2']);
      expect(result.dataset.briefings?.[0]?.viewIds).toEqual(['v2', 'v1']);
    }
  });

  it('reports a briefing that names a view the dataset lacks, and a view that is not a route', () => {
    const d = mutable(tinyDataset());
    d.views = [{ ...view, route: 'elsewhere/page' }];
    expect(errorsOf(d).map((e) => e.path)).toEqual(['views[0].route']);
    d.views = [view];
    d.briefings = [{ id: 'b1', title: 'B', viewIds: ['v1', 'v9'], createdAt: '2026' }];
    expect(errorsOf(d)).toMatchObject([
      { code: 'unknown-ref', path: 'briefings[0].viewIds[1]', params: { value: 'v9', target: 'view' } },
    ]);
  });

  it('keeps the what-if a view was saved with, and reports a change it cannot read', () => {
    const d = mutable(tinyDataset());
    const whatIf = [
      { kind: 'link', linkId: 'b', action: 'build' },
      { kind: 'project', projectId: 'p1', action: 'complete' },
    ];
    d.views = [{ ...view, whatIf }];
    const result = validateDataset(d);
    expect(result.ok && result.dataset.views?.[0]?.whatIf).toEqual(whatIf);
    d.views = [{ ...view, whatIf: [{ kind: 'link', linkId: 'b', action: 'demolish' }] }];
    expect(errorsOf(d)[0]).toMatchObject({ code: 'enum', path: 'views[0].whatIf[0].action' });
    d.views = [{ ...view, whatIf: 'all built' }];
    expect(errorsOf(d)[0]).toMatchObject({ code: 'type', path: 'views[0].whatIf' });
  });

  it('reports a view box with no area', () => {
    const d = mutable(tinyDataset());
    d.views = [{ ...view, box: { x1: 5, y1: 0, x2: 5, y2: 10 } }];
    expect(errorsOf(d)[0]).toMatchObject({ code: 'out-of-range', path: 'views[0].box' });
  });
});

describe('a source with its text (format 2, optional)', () => {
  it('keeps the text as it is, blank lines and all', () => {
    const d = mutable(tinyDataset());
    d.sources[0].text = '第一段。\n\n第二段，有数字 25万吨。\n';
    const result = validateDataset(d);
    expect(result.ok && result.dataset.sources[0]!.text).toBe('第一段。\n\n第二段，有数字 25万吨。\n');
  });

  it('refuses a text that is not a string, or longer than the limit, naming the field', () => {
    expect(onlyError((d) => (d.sources[0].text = 42))).toMatchObject({ code: 'type', path: 'sources[0].text' });
    const e = onlyError((d) => (d.sources[0].text = 'x'.repeat(MAX_SOURCE_TEXT_LENGTH + 1)));
    expect(e).toMatchObject({ code: 'too-long', path: 'sources[0].text', params: { max: MAX_SOURCE_TEXT_LENGTH } });
  });
});

describe('a dataset needs a chain', () => {
  it('refuses a dataset with no chain, whatever else it holds, saying so at "chains"', () => {
    const empty = { format: FORMAT_VERSION, sources: [], chains: [], regions: [] };
    expect(errorsOf(empty)).toMatchObject([{ code: 'no-chain', path: '$.chains' }]);
    const d = mutable(tinyDataset());
    d.chains = [];
    d.regions = [];
    expect(errorsOf(d).map((e) => e.code)).toEqual(['no-chain']);
  });
});

describe('format 2: saved scenarios and layouts (backups)', () => {
  const scenario = {
    id: 'scenario-1',
    regionId: 'r1',
    name: 'Build the cathode',
    changes: [
      { kind: 'link', linkId: 'b', action: 'build' },
      { kind: 'project', projectId: 'p1', action: 'remove' },
    ],
    savedAt: '2026-11-26T08:00:00Z',
  };
  const layout = { key: '1a2b3c4d', positions: { a: { x: 0, y: 10.5 }, b: { x: -20, y: 3 } }, savedAt: '2026-11-26' };

  it('keeps scenarios and layouts, and leaves them out when there are none', () => {
    const d = mutable(tinyDataset());
    d.scenarios = [scenario];
    d.layouts = [layout];
    const result = validateDataset(d);
    expect(result.ok && result.dataset).toEqual({ ...tinyDataset(), scenarios: [scenario], layouts: [layout] });
    d.scenarios = [];
    d.layouts = [];
    const none = validateDataset(d);
    expect(none.ok && none.dataset).toEqual(tinyDataset());
  });

  it('reports every wrong field of a scenario or layout at its path', () => {
    const d = mutable(tinyDataset());
    d.scenarios = [
      { ...scenario, changes: [{ kind: 'link', linkId: 'b', action: 'demolish' }] },
      { ...scenario, id: 'scenario-2', name: '' },
      { ...scenario, id: 'scenario-1' },
    ];
    d.layouts = [
      { ...layout, positions: { a: { x: 'left', y: 0 }, 'not an id': { x: 0, y: 0 }, b: [1, 2] } },
      { key: 'k', savedAt: '2026' },
      layout,
      layout,
    ];
    expect(errorsOf(d).map((e) => `${e.code}@${e.path}`)).toEqual([
      'enum@scenarios[0].changes[0].action',
      'empty@scenarios[1].name',
      'type@layouts[0].positions.a.x',
      'id-pattern@layouts[0].positions',
      'not-object@layouts[0].positions.b',
      'required@layouts[1].positions',
      'duplicate-id@layouts[3].key',
    ]);
  });

  it('warns about a scenario for a region the dataset lacks, and keeps it', () => {
    const d = mutable(tinyDataset());
    d.scenarios = [{ ...scenario, regionId: 'elsewhere' }];
    const result = validateDataset(d);
    expect(result.ok).toBe(true);
    expect(result.issues).toMatchObject([
      { severity: 'warning', code: 'unknown-ref', path: 'scenarios[0].regionId', params: { value: 'elsewhere' } },
    ]);
  });

  it('does not let a __proto__ position change objects', () => {
    const d = JSON.parse(
      JSON.stringify({ ...tinyDataset(), layouts: [layout] }).replace('"a":{', '"__proto__":{"polluted":1},"a":{'),
    );
    validateDataset(d);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
