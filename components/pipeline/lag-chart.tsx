import { fmt } from './console-types';

export interface LagPoint {
  /** Records landed so far (manifest) or seconds since the view opened (live polling). */
  x: number;
  lag: number;
}

const width = 300;
const height = 60;

/** Total consumer lag over the ingest, as a line: falls to zero when the consumer has caught up. A few SVG points, no chart library. */
export function LagChart({ points, xLabel }: { points: LagPoint[]; xLabel: string }) {
  const maxLag = Math.max(1, ...points.map((point) => point.lag));
  const maxX = Math.max(1, ...points.map((point) => point.x));
  const line = points.map((point) => `${((point.x / maxX) * width).toFixed(1)},${(height - (point.lag / maxLag) * height).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-24 w-full" role="img" aria-label={`Lag peaked at ${fmt(maxLag)} records and is now ${fmt(last?.lag ?? 0)}`} preserveAspectRatio="none">
        <line x1="0" y1={height} x2={width} y2={height} stroke="#cbd5e1" strokeWidth="1" />
        <polyline points={line} fill="none" stroke="#0284c7" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>peak {fmt(maxLag)}</span>
        <span>{xLabel}</span>
        <span>now {fmt(last?.lag ?? 0)}</span>
      </figcaption>
    </figure>
  );
}
