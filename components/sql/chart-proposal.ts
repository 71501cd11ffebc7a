import type { QueryResult, ResultColumn } from './protocol';
import { cellText } from './result-values';

export interface ChartProposal {
  kind: 'bar' | 'line';
  x: ResultColumn;
  series: ResultColumn[];
  /** Why this chart: shown under it so the choice is not magic. */
  reason: string;
}

const isNumeric = (c: ResultColumn) => c.kind === 'integer' || c.kind === 'float' || c.kind === 'decimal';

/**
 * Propose a chart for a two- or three-column result: the first column on the x axis, the other numeric columns as
 * series. Time or numbers on x make a line (order matters); categories make a bar chart.
 */
export function proposeChart(result: QueryResult): ChartProposal | null {
  const [x, ...rest] = result.columns;
  if (
    !x ||
    result.columns.length < 2 ||
    result.columns.length > 3 ||
    result.rowCount === 0 ||
    result.rowCount > 1000
  )
    return null;
  const series = rest.filter(isNumeric);
  if (series.length !== rest.length) return null;
  if (x.kind === 'temporal' || (isNumeric(x) && result.rowCount > 12)) {
    return {
      kind: 'line',
      x,
      series,
      reason: `${x.name} is ${x.kind === 'temporal' ? 'a time' : 'a number'}, so a line shows the trend.`,
    };
  }
  return {
    kind: 'bar',
    x,
    series,
    reason: `${x.name} is a category, so bars compare ${series.map((s) => s.name).join(' and ')}.`,
  };
}

export interface ChartPoint {
  label: string;
  values: number[];
}

/** Points in x order for a line (sorted), in result order for bars. */
export function chartPoints(result: QueryResult, proposal: ChartProposal): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (let row = 0; row < result.rowCount; row++) {
    points.push({
      label: cellText(proposal.x, row) ?? 'NULL',
      values: proposal.series.map((s) => s.numbers?.[row] ?? Number.NaN),
    });
  }
  if (proposal.kind === 'line') {
    const numbers = proposal.x.numbers;
    const keyed = points.map((p, row) => ({ p, key: numbers ? numbers[row]! : p.label }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed.map((k) => k.p);
  }
  return points;
}
