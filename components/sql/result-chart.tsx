'use client';

import type { QueryResult } from './protocol';
import { chartPoints, type ChartProposal } from './chart-proposal';

const width = 720;
const height = 300;
const margin = { top: 16, right: 72, bottom: 56, left: 72 };
const colors = ['#4f46e5', '#059669'];

function ticks(max: number, min: number): number[] {
  const span = max - min || 1;
  const step = 10 ** Math.floor(Math.log10(span / 4));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= 6) ?? step * 10;
  const out: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + 1e-9; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

/** An SVG bar or line chart of a proposed result (no chart library: it is a few rectangles and a path). */
export function ResultChart({ result, proposal }: { result: QueryResult; proposal: ChartProposal }) {
  const points = chartPoints(result, proposal);
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  // Bars need a zero baseline; a line shows the range its values move in.
  const extent = (s: number): [number, number] => {
    const values = points.map((p) => p.values[s] ?? Number.NaN).filter(Number.isFinite);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    if (proposal.kind === 'bar' || values.length === 0) return [Math.min(0, lo || 0), Math.max(0, hi || 0)];
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  };
  // Two series of very different size (revenue and orders) get their own scales, left and right.
  const scales = proposal.series.map((_, s) => extent(s));
  const spread = (r: [number, number]) => Math.max(Math.abs(r[0]), Math.abs(r[1])) || 1;
  const dualAxis =
    scales.length === 2 &&
    Math.max(spread(scales[0]!), spread(scales[1]!)) / Math.min(spread(scales[0]!), spread(scales[1]!)) > 10;
  const shared: [number, number] = [
    Math.min(...scales.map((r) => r[0])),
    Math.max(...scales.map((r) => r[1])),
  ];
  const rangeOf = (s: number): [number, number] => (dualAxis ? scales[s]! : shared);
  const yOf = (s: number) => (v: number) => {
    const [min, max] = rangeOf(s);
    return margin.top + innerH - ((v - min) / (max - min || 1)) * innerH;
  };
  const y = yOf(0);
  const [min, max] = rangeOf(0);
  const band = innerW / Math.max(1, points.length);
  const x = (i: number) => margin.left + band * i + band / 2;
  const labelEvery = Math.ceil(points.length / 12);

  return (
    <figure data-testid="result-chart" data-chart-kind={proposal.kind}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${proposal.kind} chart of ${proposal.series.map((s) => s.name).join(', ')} by ${proposal.x.name}`}
        className="w-full max-w-3xl"
      >
        {ticks(max, min).map((t) => (
          <g key={t}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(t)}
              y2={y(t)}
              stroke="currentColor"
              strokeOpacity={0.1}
            />
            <text
              x={margin.left - 6}
              y={y(t) + 4}
              textAnchor="end"
              fontSize={11}
              fill="currentColor"
              fillOpacity={0.6}
            >
              {t.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        {dualAxis
          ? ticks(rangeOf(1)[1], rangeOf(1)[0]).map((t) => (
              <text
                key={`r${t}`}
                x={width - margin.right + 4}
                y={yOf(1)(t) + 4}
                fontSize={11}
                fill={colors[1]}
              >
                {t.toLocaleString('en-US')}
              </text>
            ))
          : null}
        {proposal.series.map((series, s) =>
          proposal.kind === 'bar' ? (
            points.map((p, i) => {
              const barW = (band * 0.8) / proposal.series.length;
              const v = p.values[s] ?? 0;
              const ys = yOf(s);
              return (
                <rect
                  key={`${s}-${i}`}
                  x={margin.left + band * i + band * 0.1 + barW * s}
                  y={Math.min(ys(v), ys(0))}
                  width={barW}
                  height={Math.abs(ys(v) - ys(0))}
                  fill={colors[s]}
                >
                  <title>{`${p.label}: ${series.name} ${v}`}</title>
                </rect>
              );
            })
          ) : (
            <path
              key={s}
              fill="none"
              stroke={colors[s]}
              strokeWidth={2}
              d={points
                .filter((p) => Number.isFinite(p.values[s]))
                .map(
                  (p, i) =>
                    `${i === 0 ? 'M' : 'L'}${x(points.indexOf(p)).toFixed(1)},${yOf(s)(p.values[s]!).toFixed(1)}`,
                )
                .join(' ')}
            />
          ),
        )}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text
              key={i}
              x={x(i)}
              y={height - margin.bottom + 14}
              fontSize={11}
              textAnchor="end"
              transform={`rotate(-30 ${x(i)} ${height - margin.bottom + 14})`}
              fill="currentColor"
              fillOpacity={0.7}
            >
              {p.label.length > 16 ? `${p.label.slice(0, 15)}…` : p.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">
        {proposal.series.map((s, i) => (
          <span key={s.name} className="mr-3">
            <span aria-hidden="true" style={{ color: colors[i] }}>
              ■
            </span>{' '}
            {s.name}
            {dualAxis ? (i === 0 ? ' (left axis)' : ' (right axis)') : ''}
          </span>
        ))}
        {proposal.reason}
      </figcaption>
    </figure>
  );
}
