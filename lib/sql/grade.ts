/**
 * Compares a learner's result set with the reference's and explains the difference. Pure: no DOM, no engine; the
 * browser (components/challenges/) and the Node tests (tests/content/challenges.test.ts) convert their engine's rows
 * to a GradeTable first. Column names are ignored, numbers compare with a tolerance (DECIMAL text vs DOUBLE, AVG
 * rounding: see numbersEqual), rows compare as a multiset unless the challenge asks for an order.
 */
export type Cell = number | string | boolean | null;

export interface GradeTable {
  columns: string[];
  rows: Cell[][];
}

export type DiagnosisKind =
  'wrong_column_count' | 'missing_rows' | 'extra_rows' | 'wrong_values' | 'wrong_order';

export interface Diagnosis {
  kind: DiagnosisKind;
  /** One sentence for the learner. */
  message: string;
  /** For wrong_values: the reference's names of the columns whose values differ. */
  columns: string[];
  /** Up to 5 rows the learner should have returned and did not (or returned with other values). */
  missing: Cell[][];
  /** Up to 5 rows the learner returned that the reference does not. */
  extra: Cell[][];
  missingCount: number;
  extraCount: number;
}

export type GradeResult = { correct: true } | { correct: false; diagnosis: Diagnosis };

export interface GradeOptions {
  ordered: boolean;
  /** Columns that identify a row, to pair rows whose other values differ; default [0]. */
  keyColumns?: number[];
}

/**
 * Two numbers are equal when they differ by at most 1e-4 of the larger (float noise, a different summation order;
 * a rate off by 0.004 is a wrong answer) or 1e-6 absolute (near zero). Rounding is tolerated separately: a value
 * written with 2 to 4 decimals (ROUND(x, 2), DECIMAL(12,2) text) equals a longer value that rounds to it.
 */
const relativeTolerance = 1e-4;
const absoluteTolerance = 1e-6;
const roundedPlaces = { min: 2, max: 4 };
const exampleCount = 5;

function cellsEqual(a: Cell, b: Cell): boolean {
  if (a === null || b === null) return a === b;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== null && y !== null) return numbersEqual(x, y, Math.min(decimalPlaces(a), decimalPlaces(b)));
  return canonicalText(a) === canonicalText(b);
}

function numbersEqual(x: number, y: number, shorterPlaces: number): boolean {
  const difference = Math.abs(x - y);
  if (difference <= Math.max(absoluteTolerance, relativeTolerance * Math.max(Math.abs(x), Math.abs(y))))
    return true;
  if (shorterPlaces < roundedPlaces.min || shorterPlaces > roundedPlaces.max) return false;
  // Half a unit in the last shown decimal, either rounding direction; the factor absorbs binary float error.
  return difference <= 0.5 * 10 ** -shorterPlaces * (1 + 1e-9);
}

/** Decimals as written: '12.30' has 2, 0.125 has 3, 10 has 0; exponent forms count as unrounded. */
function decimalPlaces(value: Cell): number {
  const text = String(value);
  if (/e/i.test(text)) return Number.POSITIVE_INFINITY;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A midnight TIMESTAMP equals its DATE, and ISO 'T' / trailing zero fractions are spelling, not value. */
function canonicalText(value: Cell): string {
  const text = String(value);
  const temporal = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/.exec(text);
  if (!temporal) return text;
  const fraction = (temporal[3] ?? '').replace(/\.?0+$/, '');
  return temporal[2] === '00:00:00' && fraction === ''
    ? (temporal[1] ?? text)
    : `${temporal[1]} ${temporal[2]}${fraction}`;
}

/** Numbers, and numeric text (DECIMAL and HUGEINT arrive as exact text), compare as numbers. */
function toNumber(value: Cell): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return null;
}

function rowsEqual(a: Cell[], b: Cell[], skip = -1): boolean {
  for (let i = 0; i < a.length; i++) if (i !== skip && !cellsEqual(a[i] ?? null, b[i] ?? null)) return false;
  return true;
}

/** A bucket key coarse enough that tolerant-equal rows usually share it; leftovers get a pairwise pass. */
function coarseKey(row: Cell[]): string {
  return row
    .map((c) =>
      c === null
        ? '∅'
        : toNumber(c) !== null
          ? (Math.round((toNumber(c) ?? 0) * 100) / 100).toFixed(2)
          : canonicalText(c),
    )
    .join('\u0001');
}

/** Multiset difference with tolerance: rows of `expected` no row of `actual` matches, and the reverse. */
function unmatched(expected: Cell[][], actual: Cell[][]): { missing: Cell[][]; extra: Cell[][] } {
  const buckets = new Map<string, Cell[][]>();
  for (const row of actual) {
    const key = coarseKey(row);
    const list = buckets.get(key);
    if (list) list.push(row);
    else buckets.set(key, [row]);
  }
  let missing: Cell[][] = [];
  for (const row of expected) {
    const list = buckets.get(coarseKey(row));
    const at = list ? list.findIndex((candidate) => rowsEqual(row, candidate)) : -1;
    if (list && at >= 0) list.splice(at, 1);
    else missing.push(row);
  }
  let extra = [...buckets.values()].flat();
  // Values near a rounding boundary land in different buckets: pair what is left directly (small by then).
  if (missing.length > 0 && extra.length > 0 && missing.length * extra.length <= 4_000_000) {
    const stillMissing: Cell[][] = [];
    for (const row of missing) {
      const at = extra.findIndex((candidate) => rowsEqual(row, candidate));
      if (at >= 0) extra = [...extra.slice(0, at), ...extra.slice(at + 1)];
      else stillMissing.push(row);
    }
    missing = stillMissing;
  }
  return { missing, extra };
}

function keyOf(row: Cell[], keys: number[]): string {
  return keys.map((k) => coarseKey([row[k] ?? null])).join('\u0002');
}

/** Pair missing and extra rows by key; the columns that differ between paired rows are the wrong values. */
function differingColumns(
  missing: Cell[][],
  extra: Cell[][],
  keys: number[],
): { columns: Set<number>; paired: number } {
  const byKey = new Map<string, Cell[]>();
  for (const row of extra) byKey.set(keyOf(row, keys), row);
  const columns = new Set<number>();
  let paired = 0;
  for (const row of missing) {
    const other = byKey.get(keyOf(row, keys));
    if (!other) continue;
    paired++;
    row.forEach((cell, i) => {
      if (!cellsEqual(cell, other[i] ?? null)) columns.add(i);
    });
  }
  return { columns, paired };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function gradeResult(expected: GradeTable, actual: GradeTable, options: GradeOptions): GradeResult {
  const base = {
    columns: [] as string[],
    missing: [] as Cell[][],
    extra: [] as Cell[][],
    missingCount: 0,
    extraCount: 0,
  };
  if (expected.columns.length !== actual.columns.length) {
    return {
      correct: false,
      diagnosis: {
        ...base,
        kind: 'wrong_column_count',
        message: `Expected ${plural(expected.columns.length, 'column')} (${expected.columns.join(', ')}), your query returned ${actual.columns.length} (${actual.columns.join(', ')}).`,
        missing: expected.rows.slice(0, exampleCount),
        extra: actual.rows.slice(0, exampleCount),
      },
    };
  }
  const { missing, extra } = unmatched(expected.rows, actual.rows);
  if (missing.length === 0 && extra.length === 0) {
    if (!options.ordered) return { correct: true };
    const firstWrong = expected.rows.findIndex((row, i) => !rowsEqual(row, actual.rows[i] ?? []));
    if (firstWrong < 0) return { correct: true };
    return {
      correct: false,
      diagnosis: {
        ...base,
        kind: 'wrong_order',
        message: `The rows are right but in the wrong order: row ${firstWrong + 1} should be the one shown under "expected". Check the ORDER BY (columns, direction, tie-breaker).`,
        missing: expected.rows.slice(firstWrong, firstWrong + exampleCount),
        extra: actual.rows.slice(firstWrong, firstWrong + exampleCount),
      },
    };
  }
  const examples = {
    missing: missing.slice(0, exampleCount),
    extra: extra.slice(0, exampleCount),
    missingCount: missing.length,
    extraCount: extra.length,
  };
  const keys = (options.keyColumns ?? [0]).filter((k) => k < expected.columns.length);
  const { columns, paired } = differingColumns(missing, extra, keys);
  // Most mismatched rows pair up by key: the rows are there, some values are not.
  if (paired > 0 && paired * 2 >= Math.max(missing.length, extra.length) && columns.size > 0) {
    const names = [...columns].sort((a, b) => a - b).map((i) => expected.columns[i] ?? `#${i + 1}`);
    return {
      correct: false,
      diagnosis: {
        ...base,
        ...examples,
        kind: 'wrong_values',
        columns: names,
        message: `${plural(paired, 'row')} have the right key but wrong values in ${names.map((n) => `"${n}"`).join(', ')} (column ${[...columns].map((i) => i + 1).join(', ')}).`,
      },
    };
  }
  if (missing.length > 0 && (extra.length === 0 || missing.length > extra.length)) {
    return {
      correct: false,
      diagnosis: {
        ...base,
        ...examples,
        kind: 'missing_rows',
        message: `Your result lacks ${plural(missing.length, 'row')} the reference returns${extra.length ? ` (and has ${plural(extra.length, 'row')} it does not)` : ''}: a filter too strict, or an inner join that should be a left join?`,
      },
    };
  }
  return {
    correct: false,
    diagnosis: {
      ...base,
      ...examples,
      kind: 'extra_rows',
      message: `Your result has ${plural(extra.length, 'row')} the reference does not${missing.length ? ` (and lacks ${plural(missing.length, 'row')})` : ''}: a missing filter, a join that fans out, or duplicates?`,
    },
  };
}
