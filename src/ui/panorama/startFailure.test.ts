import { describe, expect, it } from 'vitest';
import type { MessageKey, Params } from '../../i18n';
import { startFailureReason } from './startFailure';

/** The key and its parameters, so each case shows which message it would show. */
const t = (key: MessageKey, params?: Params) => (params ? `${key} ${JSON.stringify(params)}` : key);
const named = (name: string, extra: object = {}) => Object.assign(new Error('raw'), { name, ...extra });

describe('why the data could not be opened', () => {
  it('words a shipped data file the server refused, and one it never answered', () => {
    expect(startFailureReason(named('ShippedDataUnavailable', { status: 404 }), t)).toBe(
      'app.shippedMissing {"status":404}',
    );
    expect(startFailureReason(named('ShippedDataUnavailable'), t)).toBe('app.shippedUnreachable');
  });

  it('words storage the browser blocks or has no room in, as the layout and edit messages do', () => {
    expect(startFailureReason(named('OpenFailedError', { inner: named('SecurityError') }), t)).toBe('storage.blocked');
    expect(startFailureReason(new DOMException('full', 'QuotaExceededError'), t)).toBe('storage.quota');
  });

  it('gives any other failure by its own message', () => {
    expect(startFailureReason(new Error('The stored data is from a newer version'), t)).toBe(
      'The stored data is from a newer version',
    );
    expect(startFailureReason('odd', t)).toBe('odd');
  });
});
