/**
 * The one line the app says after something happened ("Saved", "Imported …", "Export failed: …"),
 * shown as a toast that fades by itself after a while, or at once when dismissed.
 */
export class NoticeState {
  message = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly lifetimeMs = 8000) {}

  /** Shows `message` (an empty one clears the toast); it fades after the lifetime unless replaced. */
  show(message: string): void {
    this.message = message;
    clearTimeout(this.#timer);
    if (message) this.#timer = setTimeout(() => this.clear(message), this.lifetimeMs);
  }

  /** Clears the toast, or only `message` when given, so a newer one stays. */
  clear(message?: string): void {
    if (message === undefined || this.message === message) this.message = '';
  }
}
