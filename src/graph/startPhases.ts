/**
 * Marks on the performance timeline for each phase of start-up, up to the first drawn chain, so
 * `npm run bench` (bench/start.mjs) can say where the time goes: `start:<phase>` marks (a moment) and
 * measures (a span). Nothing is marked once the chain is drawn: edits leave no trace here.
 */
/** The mark and window event of the first frame that shows the chain. */
export const FIRST_DRAW = 'chain-drawn';

/** Whether the chain has been drawn once on this page (true where there is no performance timeline). */
export const chainDrawn = (): boolean =>
  typeof performance === 'undefined' || performance.getEntriesByName(FIRST_DRAW).length > 0;

/** Marks the moment a start-up phase is reached (only before the first draw). */
export function markPhase(phase: string): void {
  if (!chainDrawn()) performance.mark(`start:${phase}`);
}

/** Measures a start-up phase that began at `start` (performance.now()) and ends now (only before the first draw). */
export function phaseSince(phase: string, start: number): void {
  if (!chainDrawn()) performance.measure(`start:${phase}`, { start, end: performance.now() });
}

/** Runs `work`, measured as a start-up phase when it runs before the first draw. */
export async function measurePhase<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    phaseSince(phase, start);
  }
}
