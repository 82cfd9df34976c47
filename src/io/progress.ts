/**
 * Progress and cancellation for long parses. Parsers call `tick` often; it reports progress at most
 * every 2% and yields to the event loop every ~30 ms, so that an abort can arrive and, on the main
 * thread, the page stays responsive.
 */
import { ImportStop, importError } from './issues';

interface ProgressTarget {
  readonly fileName: string;
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

const REPORT_STEP = 0.02;
const SLICE_MS = 30;

const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Tracks one import's progress; `part` gives a child that maps 0–1 onto a span of the parent's. */
export class Progress {
  private lastReported = -1;
  private lastYield = performance.now();

  constructor(
    private readonly target: ProgressTarget,
    private readonly start = 0,
    private readonly span = 1,
    private readonly root?: Progress,
  ) {}

  /** The same tracker mapping its own 0–1 onto [from, to] of this one. */
  part(from: number, to: number): Progress {
    return new Progress(this.target, this.start + from * this.span, (to - from) * this.span, this.root ?? this);
  }

  /** Throws an `aborted` stop when the import was cancelled. */
  checkAborted(): void {
    if (this.target.signal?.aborted) {
      throw new ImportStop(importError('aborted', this.target.fileName, {}, 'the import was cancelled'));
    }
  }

  /** Records progress `fraction` (0–1 of this part); yields now and then. Throws when aborted. */
  async tick(fraction: number): Promise<void> {
    const root = this.root ?? this;
    root.report(this.start + Math.min(1, Math.max(0, fraction)) * this.span);
    if (performance.now() - root.lastYield >= SLICE_MS) {
      await yieldToLoop();
      root.lastYield = performance.now();
    }
    this.checkAborted();
  }

  private report(total: number): void {
    if (!this.target.onProgress) return;
    if (total - this.lastReported >= REPORT_STEP || (total >= 1 && this.lastReported < 1)) {
      this.lastReported = total;
      this.target.onProgress(Math.min(1, total));
    }
  }
}
