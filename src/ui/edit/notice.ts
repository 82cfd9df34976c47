import type { EditOutcome } from '../../state/editing.svelte';
import { locale } from '../../state/locale.svelte';

/** What the app says after a form's save went through: what was saved, or that nothing had changed. */
export const savedNotice = (outcome: Extract<EditOutcome, { ok: true }>): string =>
  locale.t(outcome.changed ? 'edit.saved' : 'edit.unchanged', { label: locale.name(outcome.label) });
