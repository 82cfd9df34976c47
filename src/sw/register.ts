/**
 * Registers the service worker (`src/sw/sw.ts`, built to `sw.js` beside index.html) and follows its
 * versions. A new version never takes over on its own — a briefing may be running: it waits until the
 * user asks for it (`activateUpdate`), then the page reloads once, into it.
 *
 * Only in production builds: under `vite dev` there is no sw.js, and a worker would serve stale files.
 */

/** The one message the page sends to a waiting worker (see the worker's `message` handler). */
export interface WorkerMessage {
  readonly type: 'skip-waiting';
}

export interface WorkerEvents {
  /** A new version is installed and waits while an older one controls the page. */
  onUpdateReady(): void;
  /** A worker now controls the page: every file of the app is cached on this device. */
  onControlled(): void;
}

export interface WorkerHandle {
  /** Lets the waiting version take over, then reloads the page once it does. */
  activateUpdate(): void;
  /** Asks the server whether there is a new version (quietly does nothing when offline). */
  checkForUpdate(): void;
}

/** Whether this build registers a worker at all. */
export const workerSupported = (): boolean => import.meta.env.PROD && 'serviceWorker' in navigator;

export async function registerServiceWorker(events: WorkerEvents): Promise<WorkerHandle | undefined> {
  if (!workerSupported()) return undefined;
  const container = navigator.serviceWorker;
  let reloading = false;

  container.addEventListener('controllerchange', () => {
    // The first visit's worker takes control without a reload; only a version the user asked for
    // reloads the page, and only once.
    if (reloading) {
      reloading = false;
      location.reload();
    } else if (container.controller) events.onControlled();
  });
  if (container.controller) events.onControlled();

  // Register once the chain is drawn (or, if it never is, soon after load), so that caching the app
  // never competes with starting it. The event is the chain view's (FIRST_DRAW in graph/chainGraph.ts).
  if (document.readyState !== 'complete') await new Promise((r) => window.addEventListener('load', r, { once: true }));
  if (!performance.getEntriesByName('chain-drawn').length)
    await new Promise((r) => {
      window.addEventListener('chain-drawn', r, { once: true });
      setTimeout(r, 10_000);
    });

  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await container.register('./sw.js', { scope: './' });
  } catch (e) {
    // No offline copy this time (a file server that does not serve sw.js, or storage blocked); the app
    // still works online.
    console.warn('ChainAtlas: could not register the offline copy:', e);
    return undefined;
  }
  // A browser that blocks workers (a policy, an automation setting) may resolve with no registration.
  if (!registration) return undefined;

  const watch = (worker: ServiceWorker | null) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === 'installed' && container.controller) events.onUpdateReady();
    };
    check();
    worker.addEventListener('statechange', check);
  };
  watch(registration.waiting);
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));

  return {
    activateUpdate() {
      const waiting = registration.waiting;
      if (!waiting || !container.controller) {
        // Nothing waits any more (another tab let it take over already): this page is the old one.
        location.reload();
        return;
      }
      reloading = true;
      waiting.postMessage({ type: 'skip-waiting' } satisfies WorkerMessage);
    },
    checkForUpdate() {
      if (navigator.onLine) registration.update().catch(() => undefined);
    },
  };
}
