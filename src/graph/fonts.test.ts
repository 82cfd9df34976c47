import { describe, expect, it } from 'vitest';
import { chineseFamilies, graphFontStack, uiFontStack } from './fonts';

const MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describe('font stacks', () => {
  it("put each platform's own Chinese font first", () => {
    expect(chineseFamilies(MAC)[0]).toBe('"PingFang SC"');
    expect(chineseFamilies(WINDOWS)[0]).toBe('"Microsoft YaHei"');
    expect(chineseFamilies(LINUX)[0]).toBe('"Noto Sans CJK SC"');
    expect(chineseFamilies('')[0]).toBe('"Noto Sans CJK SC"');
  });

  it('name every Chinese font once, on every platform, so none loses the face it had', () => {
    for (const agent of [MAC, WINDOWS, LINUX]) {
      expect([...chineseFamilies(agent)].sort()).toEqual(
        ['"Microsoft YaHei"', '"Noto Sans CJK SC"', '"PingFang SC"', '"Source Han Sans SC"'].sort(),
      );
    }
  });

  it('start with the system face and end with the generic family', () => {
    for (const stack of [graphFontStack(LINUX), uiFontStack(WINDOWS), uiFontStack(MAC)]) {
      expect(stack.startsWith('system-ui, ')).toBe(true);
      expect(stack.endsWith(', sans-serif')).toBe(true);
    }
    expect(uiFontStack(WINDOWS)).toBe(
      'system-ui, "Segoe UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    );
    expect(uiFontStack(MAC)).toContain('-apple-system, "PingFang SC"');
    expect(uiFontStack(LINUX)).toBe(
      'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    );
  });
});
