/**
 * The current route, kept in step with `location.hash`. The hash is the truth: the back button, a
 * shared address and a reload all give the same view.
 */
import { formatRoute, parseRoute, type Route } from './route';

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  /** The address of `view` with the region and date now shown (for the tabs). */
  href(view: 'chain' | 'gaps' | 'brief' | 'compare' | 'changes'): string {
    return formatRoute({ view, filters: this.route.filters, region: this.route.region, at: this.route.at });
  }

  /**
   * Goes to `route`. `replace` rewrites the current history entry (for filters and tracing, which
   * should not fill the back button); otherwise a new entry is pushed (a new selection).
   */
  go(next: Route, { replace = false }: { replace?: boolean } = {}): void {
    // The region and the date shown stay from view to view unless the route says otherwise.
    const route: Route = { region: this.route.region, at: this.route.at, ...next };
    const hash = formatRoute(route);
    if (hash === formatRoute(this.route)) return;
    const url = `${location.pathname}${location.search}${hash}`;
    if (replace) history.replaceState(history.state, '', url);
    else history.pushState(history.state, '', url);
    this.route = route;
  }
}

export const router = new Router();
