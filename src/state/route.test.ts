import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route';

describe('routes', () => {
  it('reads the chain, a link, the gap list and the briefing', () => {
    expect(parseRoute('')).toMatchObject({ view: 'chain' });
    expect(parseRoute('#/')).toMatchObject({ view: 'chain' });
    expect(parseRoute('#/node/ni_metal')).toMatchObject({ view: 'chain', linkId: 'ni_metal' });
    expect(parseRoute('#/gaps')).toMatchObject({ view: 'gaps' });
    expect(parseRoute('#/brief')).toMatchObject({ view: 'brief' });
    expect(parseRoute('#/gaps?link=separator')).toMatchObject({ view: 'gaps', linkId: 'separator' });
    expect(parseRoute('#/dossier/separator')).toMatchObject({ view: 'dossier', linkId: 'separator' });
    expect(parseRoute('#/notes/b1')).toMatchObject({ view: 'notes', briefingId: 'b1' });
  });

  it('reads filters and tracing, dropping values it does not know', () => {
    const r = parseRoute('#/node/cu?trace=down&sub=cathode,anode&status=missing,bogus&stage=raw');
    expect(r).toEqual({
      view: 'chain',
      linkId: 'cu',
      trace: 'down',
      filters: { subChains: ['cathode', 'anode'], statuses: ['missing'], stages: ['raw'] },
    });
    expect(parseRoute('#/node/cu?trace=sideways').trace).toBeUndefined();
    expect(parseRoute('#/node/cu?trace=up&loops=1')).toMatchObject({ trace: 'up', loops: true });
    expect(parseRoute('#/gaps?link=cu&trace=down')).toMatchObject({ view: 'gaps', linkId: 'cu', trace: 'down' });
  });

  it('reads the region, the date, the comparison and the changes between two dates', () => {
    expect(parseRoute('#/compare?region=wuwei')).toMatchObject({ view: 'compare', region: 'wuwei' });
    expect(parseRoute('#/gaps?at=2022-06')).toMatchObject({ view: 'gaps', at: '2022-06' });
    expect(parseRoute('#/node/cu?at=2022-06-03')).toMatchObject({ view: 'chain', linkId: 'cu', at: '2022-06-03' });
    expect(parseRoute('#/?at=June').at).toBeUndefined();
    expect(parseRoute('#/?at=2022-13').at).toBeUndefined();
    expect(parseRoute('#/changes?from=2022&to=2024')).toMatchObject({ view: 'changes', from: '2022', to: '2024' });
    expect(parseRoute('#/changes?from=later')).not.toHaveProperty('from');
    for (const hash of [
      '#/compare?region=wuwei&at=2023',
      '#/changes?region=baiyin&from=2022&to=2024-06',
      '#/gaps?at=2022-09&link=cu',
    ]) {
      expect(formatRoute(parseRoute(hash))).toBe(hash);
    }
  });

  it('writes what it reads', () => {
    for (const hash of [
      '#/',
      '#/node/ni_metal',
      '#/node/cu?status=missing,present&trace=up',
      '#/gaps?sub=cathode',
      '#/gaps?link=cu',
      '#/dossier/cu',
      '#/notes/b1',
      '#/brief',
    ]) {
      expect(formatRoute(parseRoute(hash))).toBe(formatRoute(parseRoute(formatRoute(parseRoute(hash)))));
    }
    expect(
      formatRoute({
        view: 'chain',
        linkId: 'cu',
        trace: 'up',
        filters: { subChains: [], statuses: ['missing'], stages: [] },
      }),
    ).toBe('#/node/cu?status=missing&trace=up');
  });

  it('keeps ids that need escaping intact', () => {
    expect(
      parseRoute(formatRoute({ view: 'chain', linkId: 'a:b.c', filters: { subChains: [], statuses: [], stages: [] } }))
        .linkId,
    ).toBe('a:b.c');
  });
  it('reads a link cut short in its percent-encoding as the text it is, instead of failing', () => {
    expect(parseRoute('#/node/%E0%A4%A')).toMatchObject({ view: 'chain', linkId: '%E0%A4%A' });
    expect(parseRoute('#/node/%')).toMatchObject({ view: 'chain', linkId: '%' });
    expect(parseRoute('#/dossier/%zz')).toMatchObject({ view: 'dossier', linkId: '%zz' });
  });

  it('reads and writes a firm view and a link expanded to its firms', () => {
    const firm = parseRoute('#/firm/jinchang/f12?region=jinchang');
    expect(firm).toMatchObject({ view: 'firm', firm: { regionId: 'jinchang', enterpriseId: 'f12' } });
    expect(formatRoute(firm)).toBe('#/firm/jinchang/f12?region=jinchang');
    const expanded = parseRoute('#/node/ncm_cam?firms=nation');
    expect(expanded).toMatchObject({ view: 'chain', linkId: 'ncm_cam', firms: 'nation' });
    expect(formatRoute(expanded)).toBe('#/node/ncm_cam?firms=nation');
    expect(parseRoute('#/node/ncm_cam?firms=everywhere').firms).toBeUndefined();
    expect(parseRoute('#/firm/jinchang')).toMatchObject({ view: 'chain' });
  });
});
