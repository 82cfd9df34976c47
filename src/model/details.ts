/**
 * Everything the link details panel shows about one link in one region, gathered from the dataset.
 */
import type { ChainIndex, ClosureOptions } from './graph';
import { downstreamOf, inputsOf, outputsOf, upstreamOf } from './graph';
import type {
  ChainLink,
  Citation,
  Dataset,
  Enterprise,
  Indicator,
  LinkState,
  LinkStatus,
  Project,
  Region,
  Source,
  SubChain,
  SupplyEdge,
} from './types';

export interface NeighbourLink {
  readonly link: ChainLink;
  readonly status: LinkStatus;
  readonly edge: SupplyEdge;
}

export interface LinkDetails {
  readonly link: ChainLink;
  readonly subChain: SubChain | undefined;
  readonly status: LinkStatus;
  /** The state record, when the region has one. */
  readonly state: LinkState | undefined;
  readonly enterprises: readonly Enterprise[];
  readonly projects: readonly Project[];
  readonly indicators: readonly Indicator[];
  readonly inputs: readonly NeighbourLink[];
  readonly outputs: readonly NeighbourLink[];
  readonly upstreamCount: number;
  readonly downstreamCount: number;
  /** Whether the region names this link among its focus products, uses or supporting industries. */
  readonly focus: readonly ('product' | 'application' | 'supporting')[];
}

/** The details of `linkId` in `region`, or undefined when the chain has no such link. */
export function linkDetails(
  index: ChainIndex,
  region: Region | undefined,
  linkId: string,
  options: ClosureOptions = {},
): LinkDetails | undefined {
  const link = index.links.get(linkId);
  if (!link) return undefined;
  const states = new Map((region?.linkStates ?? []).map((s) => [s.linkId, s]));
  const statusOf = (id: string): LinkStatus => states.get(id)?.status ?? 'unknown';
  const edgeTo = new Map(index.template.edges.map((e) => [`${e.from}>${e.to}`, e]));
  const neighbour = (id: string, edge: SupplyEdge | undefined): NeighbourLink | undefined => {
    const l = index.links.get(id);
    return l && edge ? { link: l, status: statusOf(id), edge } : undefined;
  };
  const focus: LinkDetails['focus'][number][] = [];
  if (region?.focus?.products.includes(linkId)) focus.push('product');
  if (region?.focus?.applications.includes(linkId)) focus.push('application');
  if (region?.focus?.supporting.includes(linkId)) focus.push('supporting');
  return {
    link,
    subChain: index.template.subChains.find((s) => s.id === link.subChain),
    status: statusOf(linkId),
    state: states.get(linkId),
    enterprises: region?.enterprises.filter((e) => e.linkIds.includes(linkId)) ?? [],
    projects: region?.projects.filter((p) => p.linkIds.includes(linkId)) ?? [],
    indicators: region?.indicators.filter((i) => i.linkIds.includes(linkId)) ?? [],
    inputs: inputsOf(index, linkId)
      .map((id) => neighbour(id, edgeTo.get(`${id}>${linkId}`)))
      .filter((n): n is NeighbourLink => n !== undefined),
    outputs: outputsOf(index, linkId)
      .map((id) => neighbour(id, edgeTo.get(`${linkId}>${id}`)))
      .filter((n): n is NeighbourLink => n !== undefined),
    upstreamCount: upstreamOf(index, linkId, options).size,
    downstreamCount: downstreamOf(index, linkId, options).size,
    focus,
  };
}

/** The source a citation names. */
export function citedSource(dataset: Dataset, citation: Citation): Source | undefined {
  return dataset.sources.find((s) => s.id === citation.sourceId);
}
