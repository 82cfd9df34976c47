/** Why an edit, an undo or a redo was not stored, in the user's language: one home for the wording. */
import { langTag } from '../i18n';
import type { EditFailure } from './editing.svelte';
import { locale } from './locale.svelte';

export function failureText(failure: EditFailure): string {
  switch (failure.kind) {
    case 'invalid':
      return locale.t('edit.failure.invalid');
    case 'remote':
      return locale.t('edit.failure.remote', {
        by: failure.by,
        time: new Date(failure.at).toLocaleString(langTag(locale.lang), { dateStyle: 'medium', timeStyle: 'short' }),
      });
    default:
      return locale.t(`edit.failure.${failure.kind}`, { detail: failure.detail });
  }
}
