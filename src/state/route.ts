/**
 * Routes as data. Hash routes keep a static, offline copy working: `#/` the chain, `#/node/<link-id>` a
 * link, `#/gaps` (with `?link=<id>` for a selected row), `#/dossier/<link-id>`, `#/brief`; filters and
 * tracing ride in the query (`#/node/cu?trace=down&status=missing`), so any view can be shared and reopened.
 */
import { isAskedDate } from '../model/timeline';
import type { LinkStatus, Stage } from '../model/types';
import { LINK_STATUSES, STAGES } from '../model/types';

export type TraceMode = 'up' | 'down';
export type ViewName = 'chain' | 'gaps' | 'dossier' | 'brief' | 'notes' | 'compare' | 'changes' | 'firm';
/** How far an expanded link's firms reach: the region shown, or every region. */
export type FirmScope = 'region' | 'nation';

export interface ChainFilters {
  readonly subChains: readonly string[];
  readonly statuses: readonly LinkStatus[];
  readonly stages: readonly Stage[];
}

export interface Route {
  readonly view: ViewName;
  /** The selected link, if any (in the chain and gap views), or the dossier's link. */
  readonly linkId?: string;
  /** Tracing from the selected link. */
  readonly trace?: TraceMode;
  /** Tracing goes round recycling loops too. */
  readonly loops?: boolean;
  /** The briefing a speaker-notes window follows. */
  readonly briefingId?: string;
  readonly filters: ChainFilters;
  /** The region shown, by id (`?region=wuwei`); absent, the first region. */
  readonly region?: string;
  /** The date the data is shown as it stood at (`?at=2022-06`); absent, the data as it stands. */
  readonly at?: string;
  /** On the chain: mark the links that changed since this date (up to `at`, or to now). */
  readonly since?: string;
  /** The changes view's two dates (`#/changes?from=2022&to=2024`). */
  readonly from?: string;
  readonly to?: string;
  /** The firm view's firm (`#/firm/<region-id>/<enterprise-id>`). */
  readonly firm?: { readonly regionId: string; readonly enterpriseId: string };
  /** On the chain: the selected link expanded to its firms (`#/node/ncm_cam?firms=region`). */
  readonly firms?: FirmScope;
}

export const NO_FILTERS: ChainFilters = { subChains: [], statuses: [], stages: [] };

function list(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A path segment as written, when it is not valid percent-encoding (a link cut short in a chat app). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The region an address asks for (`?region=`), or null. The page's head script runs it too
 * (`startPreload` in vite.config.ts copies it by its text), to read that region's records early.
 */
export function askedRegion(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '').split('?', 2)[1] || '').get('region') || null;
}

/** Reads a route from `location.hash`. Unknown parts are dropped, never fatal. */
export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = body.split('?', 2);
  const path = pathPart.replace(/^\/+/, '').split('/').map(decodeSegment);
  const params = new URLSearchParams(query);
  const filters: ChainFilters = {
    subChains: list(params, 'sub'),
    statuses: list(params, 'status').filter((s): s is LinkStatus => (LINK_STATUSES as readonly string[]).includes(s)),
    stages: list(params, 'stage').filter((s): s is Stage => (STAGES as readonly string[]).includes(s)),
  };
  const context: { region?: string; at?: string; since?: string } = {};
  const sinceParam = params.get('since');
  if (sinceParam && isAskedDate(sinceParam) && path[0] !== 'changes') context.since = sinceParam;
  const regionParam = askedRegion(hash);
  if (regionParam) context.region = regionParam;
  const atParam = params.get('at');
  if (atParam && isAskedDate(atParam)) context.at = atParam;
  const route = parseView(path, params, filters);
  return { ...route, ...context };
}

function parseView(path: string[], params: URLSearchParams, filters: ChainFilters): Route {
  const trace = params.get('trace');
  const traceMode = trace === 'up' || trace === 'down' ? trace : undefined;
  const tracing = (r: Route): Route => {
    if (!traceMode || !r.linkId) return r;
    return params.get('loops') === '1' ? { ...r, trace: traceMode, loops: true } : { ...r, trace: traceMode };
  };
  if (path[0] === 'node' && path[1]) {
    const firms = params.get('firms');
    const route = tracing({ view: 'chain', linkId: path[1], filters });
    return firms === 'region' || firms === 'nation' ? { ...route, firms } : route;
  }
  if (path[0] === 'firm' && path[1] && path[2])
    return { view: 'firm', firm: { regionId: path[1], enterpriseId: path[2] }, filters };
  if (path[0] === 'gaps') {
    const link = params.get('link');
    return tracing(link ? { view: 'gaps', linkId: link, filters } : { view: 'gaps', filters });
  }
  if (path[0] === 'dossier' && path[1]) return { view: 'dossier', linkId: path[1], filters };
  if (path[0] === 'brief') return { view: 'brief', filters };
  if (path[0] === 'compare') return { view: 'compare', filters };
  if (path[0] === 'changes') {
    const from = params.get('from');
    const to = params.get('to');
    return {
      view: 'changes',
      filters,
      ...(from && isAskedDate(from) ? { from } : {}),
      ...(to && isAskedDate(to) ? { to } : {}),
    };
  }
  if (path[0] === 'notes' && path[1]) return { view: 'notes', briefingId: path[1], filters };
  return { view: 'chain', filters };
}

/** Writes a route as a hash (`#/node/ni_metal?trace=up`). */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.region) params.set('region', route.region);
  if (route.at && route.view !== 'changes') params.set('at', route.at);
  if (route.since && route.view !== 'changes') params.set('since', route.since);
  if (route.view === 'changes') {
    if (route.from) params.set('from', route.from);
    if (route.to) params.set('to', route.to);
  }
  if (route.filters.subChains.length) params.set('sub', route.filters.subChains.join(','));
  if (route.filters.statuses.length) params.set('status', route.filters.statuses.join(','));
  if (route.filters.stages.length) params.set('stage', route.filters.stages.join(','));
  if (route.view === 'gaps' && route.linkId) params.set('link', route.linkId);
  if (route.view !== 'dossier' && route.linkId && route.trace) {
    params.set('trace', route.trace);
    if (route.loops) params.set('loops', '1');
  }
  if (route.view === 'chain' && route.linkId && route.firms) params.set('firms', route.firms);
  const id = route.linkId ? encodeURIComponent(route.linkId) : '';
  const path =
    route.view === 'chain'
      ? id
        ? `/node/${id}`
        : '/'
      : route.view === 'dossier'
        ? `/dossier/${id}`
        : route.view === 'firm'
          ? `/firm/${encodeURIComponent(route.firm?.regionId ?? '')}/${encodeURIComponent(route.firm?.enterpriseId ?? '')}`
          : route.view === 'notes'
            ? `/notes/${encodeURIComponent(route.briefingId ?? '')}`
            : `/${route.view}`;
  const query = params.toString().replaceAll('%2C', ',');
  return `#${path}${query ? `?${query}` : ''}`;
}
