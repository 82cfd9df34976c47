/**
 * What the chain view shows: the selected link, tracing and filters (all from the route), and what
 * follows from them (the traced set, which links match the filters). Components read this and call its
 * methods; nobody else writes the route for the chain view.
 */
import { downstreamOf, upstreamOf } from '../model/graph';
import type { ChainLink, LinkStatus, Region, Stage } from '../model/types';
import { statesByLink, statusOf } from '../model/dataset';
import type { AtlasState } from './atlas.svelte';
import { NO_FILTERS, type ChainFilters, type Route, type TraceMode } from './route';
import type { Router } from './router.svelte';

export class ChainViewState {
  readonly #atlas: AtlasState;
  readonly #router: Router;
  readonly #region: () => Region | undefined;

  /**
   * @param region the region as shown: the stored one, or in the gap view the one a what-if leaves, so
   *   the legend's counts, the status filter and the outline agree with the graph.
   */
  constructor(atlas: AtlasState, router: Router, region: () => Region | undefined = () => atlas.region) {
    this.#atlas = atlas;
    this.#router = router;
    this.#region = region;
    // Derived in the constructor, after the fields they read are set.
    this.filters = $derived(this.#router.route.filters);
    this.selectedId = $derived.by(() => {
      const id = this.#router.route.linkId;
      return id && this.#atlas.index?.links.has(id) ? id : null;
    });
    this.missingId = $derived.by(() => {
      const id = this.#router.route.linkId;
      return id && this.#atlas.index && !this.#atlas.index.links.has(id) ? id : null;
    });
    this.trace = $derived(this.selectedId ? (this.#router.route.trace ?? null) : null);
    this.loops = $derived(this.#router.route.loops === true);
    this.traced = $derived.by(() => {
      const index = this.#atlas.index;
      if (!index || !this.selectedId || !this.trace) return new Set<string>();
      const options = { loops: this.loops };
      return this.trace === 'up'
        ? upstreamOf(index, this.selectedId, options)
        : downstreamOf(index, this.selectedId, options);
    });
    this.statuses = $derived.by(() => {
      const chain = this.#atlas.chain;
      const region = this.#region();
      const states = region ? statesByLink(region) : new Map();
      return new Map((chain?.links ?? []).map((l) => [l.id, statusOf(states, l.id)]));
    });
    this.filtering = $derived(
      this.filters.subChains.length + this.filters.statuses.length + this.filters.stages.length > 0,
    );
    this.matching = $derived.by(() => {
      const links = this.#atlas.chain?.links ?? [];
      const f = this.filters;
      return new Set(links.filter((l) => this.#matches(l, f)).map((l) => l.id));
    });
  }

  declare readonly filters: ChainFilters;
  /** The selected link's id, when the route names a link the chain has. */
  declare readonly selectedId: string | null;
  /** A route that names a link the chain does not have. */
  declare readonly missingId: string | null;
  declare readonly trace: TraceMode | null;
  /** Tracing follows feedback (recycling) edges too. */
  declare readonly loops: boolean;
  /** The links the trace reaches (not counting the selected link). */
  declare readonly traced: ReadonlySet<string>;
  declare readonly statuses: ReadonlyMap<string, LinkStatus>;
  declare readonly filtering: boolean;
  /** Ids of the links the filters let through (all of them when there are no filters). */
  declare readonly matching: ReadonlySet<string>;

  #matches(link: ChainLink, f: ChainFilters): boolean {
    return (
      (f.subChains.length === 0 || f.subChains.includes(link.subChain)) &&
      (f.stages.length === 0 || f.stages.includes(link.stage)) &&
      (f.statuses.length === 0 || f.statuses.includes(this.statuses.get(link.id) ?? 'unknown'))
    );
  }

  /** Selects a link (a new history entry) in the chain or gap view, keeping filters; tracing ends. */
  select(linkId: string | null): void {
    const route = this.#router.route;
    if (linkId === (route.linkId ?? null) && !route.trace) return;
    const view = route.view === 'gaps' ? 'gaps' : 'chain';
    this.#router.go(linkId ? { view, linkId, filters: route.filters } : { view, filters: route.filters });
  }

  /**
   * Forgets a chosen link that the data no longer has (an import or edit removed it), replacing the
   * route rather than adding a step the Back button would return to.
   */
  dropMissing(): void {
    const route = this.#router.route;
    if (!route.linkId || !this.missingId) return;
    const view = route.view === 'gaps' ? 'gaps' : 'chain';
    this.#router.go({ view, filters: route.filters }, { replace: true });
  }

  /** Traces upstream or downstream from the selected link, or stops tracing (`null`). */
  traceFrom(mode: TraceMode | null): void {
    const route = this.#router.route;
    if (!route.linkId) return;
    const base: Route = {
      view: route.view === 'gaps' ? 'gaps' : 'chain',
      linkId: route.linkId,
      filters: route.filters,
    };
    this.#router.go(mode ? { ...base, trace: mode, ...(route.loops ? { loops: true } : {}) } : base, { replace: true });
  }

  /** Whether tracing goes round recycling loops. */
  setLoops(loops: boolean): void {
    const route = this.#router.route;
    if (!route.linkId || !route.trace) return;
    const { loops: _old, ...rest } = route;
    this.#router.go(loops ? { ...rest, loops: true } : rest, { replace: true });
  }

  /** Esc: stops tracing if tracing, otherwise clears the selection. */
  clear(): void {
    if (this.trace) this.traceFrom(null);
    else if (this.#router.route.linkId) this.select(null);
  }

  setFilters(filters: ChainFilters): void {
    this.#router.go({ ...this.#router.route, filters }, { replace: true });
  }

  toggleFilter(kind: 'subChains', value: string): void;
  toggleFilter(kind: 'statuses', value: LinkStatus): void;
  toggleFilter(kind: 'stages', value: Stage): void;
  toggleFilter(kind: keyof ChainFilters, value: string): void {
    const current = this.filters[kind] as readonly string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    this.setFilters({ ...this.filters, [kind]: next });
  }

  clearFilters(): void {
    this.setFilters(NO_FILTERS);
  }
}
