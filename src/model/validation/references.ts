/**
 * The second pass of validation: every reference names a record that exists (edges and states to
 * links, links to sub-chains, regions to chains, projects to enterprises, citations to sources,
 * briefings to views). Runs only on structurally valid data, so it can trust the shapes.
 */
import type { Citation, Dataset, SupplyRelation } from '../types';
import type { Place, Reader } from './reader';

/** Second pass: every reference names a record that exists. Runs only on structurally valid data. */
export function checkReferences(r: Reader, ds: Dataset): void {
  const sourceIds = new Set(ds.sources.map((s) => s.id));
  const cited = new Set<string>();
  const checkCitations = (citations: readonly Citation[], place: Place, field = 'sources') => {
    citations.forEach((c, i) => {
      cited.add(c.sourceId);
      if (!sourceIds.has(c.sourceId)) {
        const f =
          field === 'sources'
            ? `sources[${i}].sourceId`
            : field.endsWith('.sources')
              ? `${field}[${i}].sourceId`
              : `${field}.sourceId`;
        r.error('unknown-ref', place, f, `cites source "${c.sourceId}", which is not in the dataset`, {
          value: c.sourceId,
          target: 'source',
        });
      }
    });
  };
  const chainLinks = new Map<string, Set<string>>();
  const chainSubChains = new Map<string, Set<string>>();

  ds.chains.forEach((chain, ci) => {
    const cPlace: Place = { path: `chains[${ci}]`, record: { kind: 'chain', id: chain.id } };
    const linkIds = new Set(chain.links.map((l) => l.id));
    const subIds = new Set(chain.subChains.map((s) => s.id));
    chainLinks.set(chain.id, linkIds);
    chainSubChains.set(chain.id, subIds);
    checkCitations(chain.sources, cPlace);
    const connected = new Set<string>();
    chain.links.forEach((link, li) => {
      const place: Place = { path: `chains[${ci}].links[${li}]`, record: { kind: 'link', id: link.id } };
      if (!subIds.has(link.subChain)) {
        r.error('unknown-ref', place, 'subChain', `sub-chain "${link.subChain}" is not defined in the chain`, {
          value: link.subChain,
          target: 'sub-chain',
        });
      }
      checkCitations(link.sources, place);
    });
    chain.edges.forEach((edge, ei) => {
      const place: Place = {
        path: `chains[${ci}].edges[${ei}]`,
        record: { kind: 'edge', id: `${edge.from} → ${edge.to}` },
      };
      for (const end of ['from', 'to'] as const) {
        if (!linkIds.has(edge[end])) {
          r.error('unknown-ref', place, end, `link "${edge[end]}" is not in the chain`, {
            value: edge[end],
            target: 'link',
          });
        } else connected.add(edge[end]);
      }
      checkCitations(edge.sources, place);
      edge.intensities?.forEach((mi, ii) => checkCitations([mi.source], place, `intensities[${ii}].source`));
    });
    if (chain.links.length > 1) {
      chain.links.forEach((link, li) => {
        if (!connected.has(link.id)) {
          r.warn(
            'orphan-link',
            { path: `chains[${ci}].links[${li}]`, record: { kind: 'link', id: link.id } },
            '',
            'has no supply edge',
          );
        }
      });
    }
  });

  // Firms by region, for relations whose supplier is in another region.
  const firmsByRegion = new Map(ds.regions.map((region) => [region.id, new Set(region.enterprises.map((e) => e.id))]));

  ds.regions.forEach((region, ri) => {
    const rp: Place = { path: `regions[${ri}]`, record: { kind: 'region', id: region.id } };
    const links = chainLinks.get(region.chainId);
    if (!links) {
      r.error('unknown-ref', rp, 'chainId', `chain "${region.chainId}" is not in the dataset`, {
        value: region.chainId,
        target: 'chain',
      });
      return;
    }
    const checkLinks = (ids: readonly string[], place: Place, field: string) =>
      ids.forEach((id, i) => {
        if (!links.has(id)) {
          r.error('unknown-ref', place, `${field}[${i}]`, `link "${id}" is not in chain "${region.chainId}"`, {
            value: id,
            target: 'link',
          });
        }
      });
    region.linkStates.forEach((s, i) => {
      const place: Place = { path: `regions[${ri}].linkStates[${i}]`, record: { kind: 'link-state', id: s.linkId } };
      if (!links.has(s.linkId)) {
        r.error('unknown-ref', place, 'linkId', `link "${s.linkId}" is not in chain "${region.chainId}"`, {
          value: s.linkId,
          target: 'link',
        });
      }
      checkCitations(s.sources, place);
    });
    const enterpriseIds = new Set(region.enterprises.map((e) => e.id));
    region.enterprises.forEach((e, i) => {
      const place: Place = { path: `regions[${ri}].enterprises[${i}]`, record: { kind: 'enterprise', id: e.id } };
      checkLinks(e.linkIds, place, 'linkIds');
      checkCitations(e.sources, place);
      e.capacities?.forEach((c, j) => checkCitations(c.sources, place, `capacities[${j}].sources`));
    });
    region.relations?.forEach((rel, i) => {
      const place: Place = { path: `regions[${ri}].relations[${i}]`, record: { kind: 'relation', id: rel.id } };
      checkRelation(r, rel, region.id, region.chainId, links, firmsByRegion, place);
      checkCitations(rel.sources, place);
    });
    region.projects.forEach((p, i) => {
      const place: Place = { path: `regions[${ri}].projects[${i}]`, record: { kind: 'project', id: p.id } };
      checkLinks(p.linkIds, place, 'linkIds');
      p.enterpriseIds.forEach((id, j) => {
        if (!enterpriseIds.has(id)) {
          r.error('unknown-ref', place, `enterpriseIds[${j}]`, `enterprise "${id}" is not in region "${region.id}"`, {
            value: id,
            target: 'enterprise',
          });
        }
      });
      checkCitations(p.sources, place);
    });
    region.indicators.forEach((ind, i) => {
      const place: Place = { path: `regions[${ri}].indicators[${i}]`, record: { kind: 'indicator', id: ind.id } };
      checkLinks(ind.linkIds, place, 'linkIds');
      checkCitations(ind.sources, place);
    });
    if (region.focus) {
      const fp: Place = { path: `regions[${ri}].focus`, record: { kind: 'focus', id: region.id } };
      checkLinks(region.focus.products, fp, 'products');
      checkLinks(region.focus.applications, fp, 'applications');
      checkLinks(region.focus.supporting, fp, 'supporting');
      const subs = chainSubChains.get(region.chainId) ?? new Set<string>();
      region.focus.subChains.forEach((id, i) => {
        if (!subs.has(id)) {
          r.error('unknown-ref', fp, `subChains[${i}]`, `sub-chain "${id}" is not in chain "${region.chainId}"`, {
            value: id,
            target: 'sub-chain',
          });
        }
      });
      checkCitations(region.focus.sources, fp);
    }
  });

  const viewIds = new Set((ds.views ?? []).map((v) => v.id));
  (ds.briefings ?? []).forEach((b, bi) => {
    b.viewIds.forEach((id, i) => {
      if (!viewIds.has(id)) {
        r.error(
          'unknown-ref',
          { path: `briefings[${bi}]`, record: { kind: 'briefing', id: b.id } },
          `viewIds[${i}]`,
          `view "${id}" is not in the dataset`,
          {
            value: id,
            target: 'view',
          },
        );
      }
    });
  });

  ds.sources.forEach((s, i) => {
    if (!cited.has(s.id)) {
      r.warn('uncited-source', { path: `sources[${i}]`, record: { kind: 'source', id: s.id } }, '', 'is never cited');
    }
  });
}

/**
 * The references of one supply relation: the buyer is a firm of the region the relation is kept in,
 * the supplier a firm of any region, the link one of the region's chain. Shared with the edit check.
 */
export function checkRelation(
  r: Reader,
  rel: SupplyRelation,
  regionId: string,
  chainId: string,
  links: ReadonlySet<string>,
  firmsByRegion: ReadonlyMap<string, ReadonlySet<string>>,
  place: Place,
): void {
  if (rel.buyer.regionId !== regionId) {
    r.error(
      'unknown-ref',
      place,
      'buyer.regionId',
      `the buyer is in region "${rel.buyer.regionId}", but the relation is kept with region "${regionId}" (it belongs with its buyer)`,
      { value: rel.buyer.regionId, target: 'region' },
    );
  } else if (!firmsByRegion.get(regionId)?.has(rel.buyer.enterpriseId)) {
    r.error(
      'unknown-ref',
      place,
      'buyer.enterpriseId',
      `enterprise "${rel.buyer.enterpriseId}" is not in region "${regionId}"`,
      {
        value: rel.buyer.enterpriseId,
        target: 'enterprise',
      },
    );
  }
  const supplierFirms = firmsByRegion.get(rel.supplier.regionId);
  if (!supplierFirms) {
    r.error('unknown-ref', place, 'supplier.regionId', `region "${rel.supplier.regionId}" is not in the dataset`, {
      value: rel.supplier.regionId,
      target: 'region',
    });
  } else if (!supplierFirms.has(rel.supplier.enterpriseId)) {
    r.error(
      'unknown-ref',
      place,
      'supplier.enterpriseId',
      `enterprise "${rel.supplier.enterpriseId}" is not in region "${rel.supplier.regionId}"`,
      { value: rel.supplier.enterpriseId, target: 'enterprise' },
    );
  }
  if (!links.has(rel.linkId)) {
    r.error('unknown-ref', place, 'linkId', `link "${rel.linkId}" is not in chain "${chainId}"`, {
      value: rel.linkId,
      target: 'link',
    });
  }
}
