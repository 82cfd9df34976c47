/**
 * Routes as data. Hash routes keep a static, offline copy working: `#/` the chain, `#/node/<link-id>` a
 * link, `#/gaps`, `#/brief`; filters and tracing ride in the query (`#/node/cu?trace=down&status=missing`),
 * so any view can be shared and reopened.
 */
import type { LinkStatus, Stage } from '../model/types';
import { LINK_STATUSES, STAGES } from '../model/types';

export type TraceMode = 'up' | 'down';
export type ViewName = 'chain' | 'gaps' | 'brief';

export interface ChainFilters {
  readonly subChains: readonly string[];
  readonly statuses: readonly LinkStatus[];
  readonly stages: readonly Stage[];
}

export interface Route {
  readonly view: ViewName;
  /** The selected link, if any. */
  readonly linkId?: string;
  /** Tracing from the selected link. */
  readonly trace?: TraceMode;
  /** Tracing goes round recycling loops too. */
  readonly loops?: boolean;
  readonly filters: ChainFilters;
}

export const NO_FILTERS: ChainFilters = { subChains: [], statuses: [], stages: [] };

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads a route from `location.hash`. Unknown parts are dropped, never fatal. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = body.split('?', 2);
  const path = pathPart.replace(/^\/+/, '').split('/').map(decodeURIComponent);
  const params = new URLSearchParams(query);
  const filters: ChainFilters = {
    subChains: list(params, 'sub'),
    statuses: list(params, 'status').filter((s): s is LinkStatus => (LINK_STATUSES as readonly string[]).includes(s)),
    stages: list(params, 'stage').filter((s): s is Stage => (STAGES as readonly string[]).includes(s)),
  };
  const trace = params.get('trace');
  const traceMode = trace === 'up' || trace === 'down' ? trace : undefined;
  if (path[0] === 'node' && path[1]) {
    return traceMode
      ? { view: 'chain', linkId: path[1], trace: traceMode, filters }
      : { view: 'chain', linkId: path[1], filters };
  }
  if (path[0] === 'gaps') return { view: 'gaps', filters };
  if (path[0] === 'brief') return { view: 'brief', filters };
  return { view: 'chain', filters };
}

/** Writes a route as a hash (`#/node/ni_metal?trace=up`). */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.filters.subChains.length) params.set('sub', route.filters.subChains.join(','));
  if (route.filters.statuses.length) params.set('status', route.filters.statuses.join(','));
  if (route.filters.stages.length) params.set('stage', route.filters.stages.join(','));
  if (route.linkId && route.trace) params.set('trace', route.trace);
  if (route.linkId && route.trace && route.loops) params.set('loops', '1');
  const path =
    route.view === 'chain' ? (route.linkId ? `/node/${encodeURIComponent(route.linkId)}` : '/') : `/${route.view}`;
  const query = params.toString().replaceAll('%2C', ',');
  return `#${path}${query ? `?${query}` : ''}`;
}
