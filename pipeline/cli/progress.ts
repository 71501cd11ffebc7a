import type { Clock } from '../core/clock';
import type { StageProgress } from '../contracts/stage';

/**
 * A one-line progress bar redrawn in place on a TTY (`generate [########------] 57% 570,000/1,000,000 events
 * 480k/s ETA 1s`), at most ten times a second. Not a TTY: it prints nothing, so piped output stays JSON lines.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  update(progress: StageProgress): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

const numberFormat = new Intl.NumberFormat('en-US');

function compactRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M/s`;
  if (perSecond >= 1e3) return `${Math.round(perSecond / 1e3)}k/s`;
  return `${Math.round(perSecond)}/s`;
}

export function renderProgressLine(
  label: string,
  progress: StageProgress,
  elapsedMs: number,
  width: number,
): string {
  const unit = progress.unit ? ` ${progress.unit}` : '';
  const rate = elapsedMs > 0 ? (progress.done / elapsedMs) * 1000 : 0;
  if (progress.total === undefined || progress.total <= 0) {
    return `${label} ${numberFormat.format(progress.done)}${unit} ${compactRate(rate)}`;
  }
  const share = Math.min(1, progress.done / progress.total);
  const remainingMs = rate > 0 ? ((progress.total - progress.done) / rate) * 1000 : 0;
  const tail = ` ${Math.floor(share * 100)}% ${numberFormat.format(progress.done)}/${numberFormat.format(progress.total)}${unit} ${compactRate(rate)} ETA ${Math.ceil(remainingMs / 1000)}s`;
  const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 4));
  const filled = Math.round(share * barWidth);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
}

export function createProgressBar(sink: ProgressSink, clock: Clock, label: string): ProgressBar {
  if (!sink.isTTY) return { update: () => undefined, finish: () => undefined };
  const started = clock.monotonic();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let last: StageProgress | null = null;
  const draw = () => {
    if (!last) return;
    const line = renderProgressLine(label, last, clock.monotonic() - started, sink.columns ?? 80);
    sink.write(`\r${line}\x1b[K`);
  };
  return {
    update(progress) {
      last = progress;
      const now = clock.monotonic();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw();
    },
    finish() {
      draw();
      if (last) sink.write('\n');
    },
  };
}
