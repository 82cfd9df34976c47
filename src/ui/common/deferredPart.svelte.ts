/**
 * A part of the app loaded on demand (a lazy chunk), as reactive state: loading, there, or failed.
 * A chunk can fail to load (a new version replaced it on the server and no cache holds it, or the
 * network dropped): the part then says so instead of showing nothing (see `Deferred.svelte`).
 */
import { locale } from '../../state/locale.svelte';
import { missingParts } from '../../state/missingParts.svelte';

export class DeferredPart<T> {
  status = $state<'loading' | 'ready' | 'failed'>('loading');
  /** The loaded module, once `status` is 'ready'. */
  module = $state.raw<T | undefined>(undefined);
  /** Settles when the load has (for tests and callers that wait). */
  readonly settled: Promise<void>;

  constructor(load: () => Promise<T>) {
    // A part shows once the whole catalogue is there too (the start-up code loads only its first part).
    // Asked for once the part's own chunk is there, not before: a part made at start but loaded after
    // the first draw (the dialogs) must not pull the rest of the catalogue in ahead of that draw.
    this.settled = Promise.resolve()
      .then(load)
      .then((module) => locale.whole().then(() => module))
      .then(
        (module) => {
          this.module = module;
          this.status = 'ready';
        },
        (error: unknown) => {
          this.status = 'failed';
          // Said here (Deferred.svelte), so not again by the reload prompt.
          missingParts.said(error);
          console.error('A part of the app could not be loaded:', error);
        },
      );
  }
}
