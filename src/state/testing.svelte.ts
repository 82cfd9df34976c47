/**
 * Test help for state classes: runs `read` in an effect, and again each time what it read changes
 * (as a component's template would); returns the function that stops it. A test that resets the module
 * registry imports this module afresh too, so that it runs on the same Svelte runtime as the state.
 */
import { flushSync } from 'svelte';

export function watch(read: () => void): () => void {
  const stop = $effect.root(() => {
    $effect(read);
  });
  flushSync();
  return stop;
}
