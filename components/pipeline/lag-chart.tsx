import { fmt } from './console-types';

export interface LagPoint {
  /** Records landed so far (manifest) or seconds since the view opened (live polling). */
  x: number;
  lag: number;
}

const width = 300;
const height = 60;

/**
 * Total consumer lag over the ingest, as a line: falls to zero when the consumer has caught up. A few SVG points,
 * no chart library; the axes are labelled in HTML beside the SVG, which is stretched to the box and would distort
 * text drawn inside it.
 */
export function LagChart({ points, xLabel }: { points: LagPoint[]; xLabel: string }) {
  const maxLag = Math.max(1, ...points.map((point) => point.lag));
  const maxX = Math.max(1, ...points.map((point) => point.x));
  const line = points
    .map(
      (point) =>
        `${((point.x / maxX) * width).toFixed(1)},${(height - (point.lag / maxLag) * height).toFixed(1)}`,
    )
    .join(' ');
  const last = points.at(-1);
  return (
    <figure data-testid="lag-chart">
      <div className="flex gap-1">
        <span
          className="text-xs text-slate-500 [writing-mode:vertical-rl] rotate-180 text-center"
          data-testid="lag-chart-y-label"
        >
          lag (records)
        </span>
        <div className="flex flex-col justify-between text-right font-mono text-[10px] text-slate-500">
          <span>{fmt(maxLag)}</span>
          <span>0</span>
        </div>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          className="h-24 min-w-0 flex-1"
          role="img"
          aria-label={`Consumer lag in records against ${xLabel}: peaked at ${fmt(maxLag)} records, now ${fmt(last?.lag ?? 0)}`}
          preserveAspectRatio="none"
        >
          <line
            x1="0"
            y1="0"
            x2="0"
            y2={height}
            stroke="#cbd5e1"
            strokeWidth="1"
            vectorEffect="non-scaling-stroke"
          />
          <line
            x1="0"
            y1={height}
            x2={width}
            y2={height}
            stroke="#cbd5e1"
            strokeWidth="1"
            vectorEffect="non-scaling-stroke"
          />
          <polyline
            points={line}
            fill="none"
            stroke="#0284c7"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      </div>
      <figcaption className="flex justify-between gap-2 pl-8 text-xs text-slate-500">
        <span className="font-mono">0</span>
        <span data-testid="lag-chart-x-label">
          {xLabel} · now {fmt(last?.lag ?? 0)} behind
        </span>
        <span className="font-mono">{fmt(maxX)}</span>
      </figcaption>
    </figure>
  );
}
