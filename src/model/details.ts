/**
 * Everything the link details panel shows about one link in one region, gathered from the dataset.
 */
import type { ChainIndex, ClosureOptions } from './graph';
import { statesByLink, statusOf } from './dataset';
import { downstreamOf, upstreamOf } from './graph';
import type {
  ChainLink,
  Enterprise,
  Indicator,
  LinkState,
  LinkStatus,
  Project,
  Region,
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
  const states: ReadonlyMap<string, LinkState> = region ? statesByLink(region) : new Map();
  const neighbour = (id: string, edge: SupplyEdge): NeighbourLink | undefined => {
    const l = index.links.get(id);
    return l ? { link: l, status: statusOf(states, id), edge } : undefined;
  };
  const focus: LinkDetails['focus'][number][] = [];
  if (region?.focus?.products.includes(linkId)) focus.push('product');
  if (region?.focus?.applications.includes(linkId)) focus.push('application');
  if (region?.focus?.supporting.includes(linkId)) focus.push('supporting');
  return {
    link,
    subChain: index.template.subChains.find((s) => s.id === link.subChain),
    status: statusOf(states, linkId),
    state: states.get(linkId),
    enterprises: region?.enterprises.filter((e) => e.linkIds.includes(linkId)) ?? [],
    projects: region?.projects.filter((p) => p.linkIds.includes(linkId)) ?? [],
    indicators: region?.indicators.filter((i) => i.linkIds.includes(linkId)) ?? [],
    inputs: (index.edgesInto.get(linkId) ?? [])
      .map((e) => neighbour(e.from, e))
      .filter((n): n is NeighbourLink => n !== undefined),
    outputs: (index.edgesFrom.get(linkId) ?? [])
      .map((e) => neighbour(e.to, e))
      .filter((n): n is NeighbourLink => n !== undefined),
    upstreamCount: upstreamOf(index, linkId, options).size,
    downstreamCount: downstreamOf(index, linkId, options).size,
    focus,
  };
}
