/**
 * When a form shows what is wrong with a field. A problem with what was typed shows at once; an empty
 * required field says so only once the user has been in it and left (or typed and cleared it), or has
 * tried to save: a form that opens shouting "Required" at every field is noise.
 */
import { SvelteSet } from 'svelte/reactivity';

export class FieldVisits {
  readonly #visited = new SvelteSet<string>();
  /** Whether the user tried to save the form as it is. */
  attempted = $state(false);

  /** For the form's `oninput` and `onfocusout`: the named field the event came from counts as visited. */
  readonly note = (event: Event): void => {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (name) this.#visited.add(name);
  };

  /** Whether the field named `name`, holding `value`, should show its problem now. */
  show(name: string, value: string): boolean {
    return this.attempted || value.trim() !== '' || this.#visited.has(name);
  }

  /** Forgets every visit and attempt (a form opened again). */
  clear(): void {
    this.#visited.clear();
    this.attempted = false;
  }

  /**
   * A save the form refused: from now on every problem shows, and the first field with one takes the
   * focus (after the page has drawn the messages), so a keyboard user lands where the work is.
   */
  refuse(form: HTMLFormElement): void {
    this.attempted = true;
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }
}
