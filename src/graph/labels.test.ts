import { describe, expect, it } from 'vitest';
import { chooseLabels, LabelPriority, LOD_PX, READABLE_PX, type LabelItem, type LabelView } from './labels';

const view = (zoom: number, over: Partial<LabelView> = {}): LabelView => ({
  zoom,
  pan: { x: 0, y: 0 },
  width: 1000,
  height: 600,
  baseFontSize: 13,
  ...over,
});
const item = (id: string, x: number, y: number, priority: number = LabelPriority.rest, w = 80, h = 16): LabelItem => ({
  id,
  x,
  y,
  width: w,
  height: h,
  priority,
});

describe('chooseLabels', () => {
  it('draws every label as laid out once the zoom makes them readable', () => {
    expect(chooseLabels([item('a', 10, 10)], view(READABLE_PX / 13))).toEqual({ scaled: false });
    expect(chooseLabels([item('a', 10, 10)], view(1.5))).toEqual({ scaled: false });
  });

  it('below that zoom, draws labels at a constant size on screen, never smaller than readable', () => {
    const choice = chooseLabels([item('a', 100, 100)], view(0.5));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect(choice.fontSize * 0.5).toBeCloseTo(LOD_PX);
    expect(choice.smallFontSize * 0.5).toBeCloseTo(READABLE_PX);
    expect(choice.scale).toBeCloseTo(LOD_PX / (13 * 0.5));
    expect([...choice.shown]).toEqual(['a']);
  });

  it('hides a label that would overlap one of higher priority, whatever their order', () => {
    // Side by side, 90 apart at zoom 0.5 (45 px): 80-wide labels drawn at 12 px (about 74 px) overlap.
    const items = [item('unknown', 100, 100), item('known', 190, 100, LabelPriority.known)];
    const choice = chooseLabels(items, view(0.5));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect([...choice.shown]).toEqual(['known']);
  });

  it('keeps labels far enough apart and leaves out those off screen', () => {
    const items = [item('a', 100, 100), item('b', 400, 100), item('off', 5000, 100)];
    const choice = chooseLabels(items, view(0.5));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect([...choice.shown].sort()).toEqual(['a', 'b']);
    // Panned so the far one is in view and the others are not.
    const panned = chooseLabels(items, view(0.5, { pan: { x: -2400, y: 0 } }));
    if (!panned.scaled) throw new Error('expected scaled labels');
    expect([...panned.shown]).toEqual(['off']);
  });

  it('never covers a box title', () => {
    const title = item('group:a', 100, 100, LabelPriority.title, 120, 14);
    const choice = chooseLabels([title, item('a', 100, 110, LabelPriority.focus)], view(0.5));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect(choice.shown.has('a')).toBe(false);
    expect(choice.shown.has('group:a')).toBe(false);
  });

  it('draws a label at the smallest readable size where the larger one has no room', () => {
    // 17.5 px apart on screen: two one-line labels at 12 px (18 px with room) collide, at 11 px (17) not.
    const items = [item('a', 100, 100, LabelPriority.known, 40, 13), item('b', 100, 135, LabelPriority.known, 40, 13)];
    const choice = chooseLabels(items, view(0.5));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect([...choice.shown].sort()).toEqual(['a', 'b']);
    expect([...choice.small]).toEqual(['b']);
  });

  it('keeps room for every subject label: a subject label drawn large does not push out another', () => {
    // Two-line labels stacked closely, as the cathode's on a slide of the gap view.
    const h = 33;
    const items = [
      item('ncm', 100, 100, LabelPriority.subject, 90, h),
      item('lfp', 100, 154, LabelPriority.subject, 90, h),
    ];
    const choice = chooseLabels(items, view(0.54));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect([...choice.shown].sort()).toEqual(['lfp', 'ncm']);
    // The same two links, not the subject, cannot both be drawn.
    const rest = chooseLabels(
      items.map((i) => ({ ...i, priority: LabelPriority.rest })),
      view(0.54),
    );
    if (!rest.scaled) throw new Error('expected scaled labels');
    expect(rest.shown.size).toBe(1);
  });

  it('chooses some, not all, of 5,000 crowded labels', () => {
    const many: LabelItem[] = [];
    for (let i = 0; i < 5000; i++) many.push(item(`l${i}`, (i % 100) * 100, Math.floor(i / 100) * 40, i % 5));
    const choice = chooseLabels(many, view(0.2, { width: 2000, height: 1000 }));
    if (!choice.scaled) throw new Error('expected scaled labels');
    expect(choice.shown.size).toBeGreaterThan(0);
    expect(choice.shown.size).toBeLessThan(5000);
  });
});
