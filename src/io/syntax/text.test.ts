/**
 * Decoding: UTF-8 with and without a mark, GB18030/GBK as Excel on Chinese Windows writes it, UTF-16
 * with a mark, and binary data refused.
 */
import { describe, expect, it } from 'vitest';
import { ImportStop } from '../issues';
import { decodeText, encodeUtf8 } from './text';
import { fixture } from '../testkit';

const fail = async (bytes: Uint8Array) => {
  try {
    await decodeText(bytes, 'f.csv');
  } catch (e) {
    if (e instanceof ImportStop) return e.issue;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark', async () => {
    expect(await decodeText(encodeUtf8('编号,id', true), 'f.csv')).toEqual({
      text: '编号,id',
      encoding: 'utf-8',
      bom: true,
    });
    expect(await decodeText(encodeUtf8('编号,id'), 'f.csv')).toEqual({
      text: '编号,id',
      encoding: 'utf-8',
      bom: false,
    });
  });

  it('falls back to GB18030 for bytes that are not UTF-8', async () => {
    const decoded = await decodeText(fixture('statuses-gbk.csv'), 'statuses-gbk.csv');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text.startsWith('环节编号,状态,产能')).toBe(true);
    expect(decoded.text).toContain('¶7,镍铜钴资源');
  });

  it('reads UTF-16 LE and BE with a byte-order mark', async () => {
    const le = new Uint8Array([0xff, 0xfe, 0x16, 0x7f, 0x2c, 0x00, 0x61, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x7f, 0x16, 0x00, 0x2c, 0x00, 0x61]);
    expect(await decodeText(le, 'f.csv')).toEqual({ text: '编,a', encoding: 'utf-16le', bom: true });
    expect(await decodeText(be, 'f.csv')).toEqual({ text: '编,a', encoding: 'utf-16be', bom: true });
  });

  it('refuses binary data: NUL bytes, bytes valid in no encoding, control characters', async () => {
    expect(await fail(fixture('garbage.bin'))).toMatchObject({ code: 'binary', file: 'f.csv' });
    expect(await fail(new Uint8Array([0x61, 0xff, 0xff, 0x62]))).toMatchObject({ code: 'binary' });
    expect(await fail(new Uint8Array(200).fill(0x01))).toMatchObject({ code: 'binary' });
  });

  it('refuses a UTF-8 mark followed by bytes that are not UTF-8', async () => {
    expect(await fail(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0x28]))).toMatchObject({
      code: 'encoding',
      params: { encoding: 'utf-8' },
    });
  });

  it('decodes big files in chunks without splitting characters', async () => {
    const text = '镍'.repeat(700_000);
    expect((await decodeText(encodeUtf8(text), 'big.csv')).text).toBe(text);
  });
});
