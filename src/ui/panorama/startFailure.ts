/**
 * Why the data could not be opened, in the reader's language: a storage failure (storage blocked, no
 * room) or the shipped data's file not fetched, from the catalogue; anything else by the error's own
 * message, which is the best there is to tell.
 */
import type { MessageKey, Params } from '../../i18n';
import { describeStorageError } from '../../store/storageError';

export function startFailureReason(e: unknown, t: (key: MessageKey, params?: Params) => string): string {
  const { name, status } = (e ?? {}) as { name?: unknown; status?: unknown };
  if (name === 'ShippedDataUnavailable')
    return typeof status === 'number' ? t('app.shippedMissing', { status }) : t('app.shippedUnreachable');
  const storage = describeStorageError(e);
  if (storage.code !== 'unknown') return t(`storage.${storage.code}`);
  return e instanceof Error ? e.message : String(e);
}
