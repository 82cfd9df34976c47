/**
 * The offline copy and the network, as reactive state: whether the device is offline, whether the app
 * is fully cached on it (`ready`), and whether a new version waits for the user to reload into it.
 */
import { registerServiceWorker, type WorkerHandle } from '../sw/register';
import { missingParts } from './missingParts.svelte';

/** How often a page left open (a briefing, a wall screen) asks whether a new version is out. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export class ServiceWorkerState {
  /** The browser reports no network. */
  offline = $state(!navigator.onLine);
  /** A service worker controls the page: every file of the app is cached on this device. */
  ready = $state(false);
  /** A new version is installed and waits; it takes over only through `reload()`. */
  updateReady = $state(false);
  /** A part of the app loaded on demand (the poster writer, the XLSX reader) could not be loaded: a
   * new version replaced it on the server and no cache holds it. Only a reload brings it. A part that
   * says so in its own place (a view, a dialog: `Deferred.svelte`) is not counted here. */
  get partMissing(): boolean {
    return missingParts.any;
  }

  #handle: WorkerHandle | undefined;

  constructor() {
    window.addEventListener('online', () => {
      this.offline = false;
      this.#handle?.checkForUpdate();
    });
    window.addEventListener('offline', () => (this.offline = true));
    // Vite's loader of on-demand parts dispatches this when one fails; the error still reaches the
    // action that asked for the part.
    window.addEventListener('vite:preloadError', (event) =>
      missingParts.failed((event as Event & { payload?: unknown }).payload),
    );
    void registerServiceWorker({
      onUpdateReady: () => (this.updateReady = true),
      onControlled: () => (this.ready = true),
    }).then((handle) => {
      this.#handle = handle;
      if (handle) setInterval(() => handle.checkForUpdate(), UPDATE_CHECK_MS);
    });
  }

  /** Switches to the waiting version: the page reloads once it has taken over. */
  reload(): void {
    if (this.#handle) this.#handle.activateUpdate();
    else location.reload();
  }
}

export const serviceWorker = new ServiceWorkerState();
