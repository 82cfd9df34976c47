import { describe, expect, it } from 'vitest';
import { A3_LANDSCAPE, imagePdf, inspectPdf } from './pdf';

// The smallest baseline JPEG (1×1 white pixel), so the test needs no canvas.
const JPEG = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AVN//2Q==',
  ),
  (c) => c.charCodeAt(0),
);

describe('image PDF', () => {
  it('is one A3 landscape page with valid cross-references', () => {
    const pdf = imagePdf({
      ...A3_LANDSCAPE,
      jpeg: JPEG,
      imageWidth: 1,
      imageHeight: 1,
      title: '金昌 新能源电池产业链',
    });
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 8))).toBe('%PDF-1.4');
    const info = inspectPdf(pdf);
    expect(info.pages).toEqual([{ width: 1190.55, height: 841.89 }]);
    expect(info.xrefValid).toBe(true);
    expect(new TextDecoder('latin1').decode(pdf.subarray(pdf.length - 6))).toBe('%%EOF\n');
  });

  it('carries the image bytes unchanged and a title in any script', () => {
    const pdf = imagePdf({ width: 100, height: 50, jpeg: JPEG, imageWidth: 1, imageHeight: 1, title: '链图' });
    const text = new TextDecoder('latin1').decode(pdf);
    expect(text).toContain(`/Length ${JPEG.length}`);
    expect(text).toContain('/Title <FEFF94FE56FE>');
    const at = text.indexOf('stream\n') + 'stream\n'.length;
    expect([...pdf.subarray(at, at + JPEG.length)]).toEqual([...JPEG]);
  });

  it('finds a broken cross-reference table', () => {
    const pdf = imagePdf({ width: 100, height: 50, jpeg: JPEG, imageWidth: 1, imageHeight: 1 });
    const broken = new Uint8Array([...pdf.subarray(0, 20), 32, ...pdf.subarray(20)]);
    expect(inspectPdf(broken).xrefValid).toBe(false);
  });
});
