/**
 * Parts of the app loaded on demand (lazy chunks) that failed to load, as Vite's loader reports them
 * (`vite:preloadError`), less those a part of the page already says failed in its own place
 * (`Deferred.svelte`, through `DeferredPart`). What is left is said once, by the reload prompt
 * (`UpdatePrompt.svelte`): one message per failure, never two.
 */
class MissingParts {
  #unsaid = $state.raw<readonly unknown[]>([]);

  /** Some failure is said nowhere else. */
  get any(): boolean {
    return this.#unsaid.length > 0;
  }

  /** A part failed to load (the error Vite's loader rethrows to whoever asked for the part). */
  failed(error: unknown): void {
    this.#unsaid = [...this.#unsaid, error];
  }

  /** The one who asked for the part says the failure itself. */
  said(error: unknown): void {
    this.#unsaid = this.#unsaid.filter((e) => e !== error);
  }
}

export const missingParts = new MissingParts();
