import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  batchesToColumns,
  formatDecimalWords,
  formatScaled,
  formatTimestampMicros,
  type ArrowBatchLike,
} from './arrow-columns';
import { chartPoints, proposeChart } from './chart-proposal';
import type { QueryResult, ResultColumn } from './protocol';
import { cellText, sortOrder, toCsv } from './result-values';

function numberColumn(
  name: string,
  values: (number | null)[],
  kind: ResultColumn['kind'] = 'integer',
): ResultColumn {
  return {
    name,
    type: kind === 'integer' ? 'BIGINT' : 'DOUBLE',
    kind,
    numbers: Float64Array.from(values, (v) => v ?? Number.NaN),
    texts: null,
    nulls: Uint8Array.from(values, (v) => (v === null ? 1 : 0)),
  };
}

function textColumn(
  name: string,
  values: (string | null)[],
  kind: ResultColumn['kind'] = 'text',
): ResultColumn {
  return {
    name,
    type: kind === 'temporal' ? 'DATE' : 'VARCHAR',
    kind,
    numbers: null,
    texts: values,
    nulls: Uint8Array.from(values, (v) => (v === null ? 1 : 0)),
  };
}

const result = (columns: ResultColumn[]): QueryResult => ({
  columns,
  rowCount: columns[0]?.nulls.length ?? 0,
  truncated: false,
  rowLimit: 100_000,
  elapsedMs: 1,
});

describe('exact DECIMAL and TIMESTAMP text', () => {
  it('formats 128-bit two’s-complement words with their scale', () => {
    expect(formatDecimalWords(Uint32Array.from([12345, 0, 0, 0]), 0, 4, 2)).toBe('123.45');
    expect(
      formatDecimalWords(Uint32Array.from([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]), 0, 4, 2),
    ).toBe('-0.01');
    expect(formatDecimalWords(Uint32Array.from([5, 0, 0, 0]), 0, 4, 3)).toBe('0.005');
    expect(formatScaled(123456789012345678901234567890n, 2)).toBe('1234567890123456789012345678.90');
  });

  it('writes timestamps as DuckDB does, microseconds only when present', () => {
    expect(formatTimestampMicros(1_772_409_600_000_000n)).toBe('2026-03-02 00:00:00');
    expect(formatTimestampMicros(1_772_409_600_123_450n)).toBe('2026-03-02 00:00:00.12345');
    expect(formatTimestampMicros(-1n)).toBe('1969-12-31 23:59:59.999999');
  });
});

describe('batchesToColumns', () => {
  it('keeps numbers and dictionary-encoded (ENUM) text, and stops at the row limit', () => {
    const table = tableFromArrays({ n: Int32Array.from([1, 2, 3]), s: ['a', 'b', 'c'] });
    const batches = table.batches as unknown as ArrowBatchLike[];
    const { columns, rowCount } = batchesToColumns(batches, 2);
    expect(rowCount).toBe(2);
    expect(columns.map((c) => [c.name, c.type, c.kind])).toEqual([
      ['n', 'INTEGER', 'integer'],
      ['s', 'ENUM', 'text'],
    ]);
    expect(Array.from(columns[0]!.numbers!)).toEqual([1, 2]);
    expect(columns[1]!.texts).toEqual(['a', 'b']);
  });
});

describe('sorting, CSV and charts', () => {
  const n = numberColumn('n', [3, null, 1, 2]);
  const s = textColumn('s', ['b', 'a', null, 'c, "quoted"']);

  it('sorts numbers and text with NULLs last in both directions', () => {
    expect(Array.from(sortOrder(n, 'asc', 4))).toEqual([2, 3, 0, 1]);
    expect(Array.from(sortOrder(n, 'desc', 4))).toEqual([0, 3, 2, 1]);
    expect(Array.from(sortOrder(s, 'asc', 4))).toEqual([1, 0, 3, 2]);
  });

  it('writes RFC 4180 CSV with NULL as an empty field', () => {
    expect(toCsv(result([n, s]))).toBe('n,s\r\n3,b\r\n,a\r\n1,\r\n2,"c, ""quoted"""\r\n');
    expect(cellText(n, 1)).toBeNull();
  });

  it('proposes bars for categories, a line for time, and nothing for other shapes', () => {
    const bars = proposeChart(result([textColumn('type', ['x', 'y']), numberColumn('events', [5, 7])]));
    expect(bars?.kind).toBe('bar');
    const line = proposeChart(
      result([
        textColumn('date', ['2026-03-03', '2026-03-02'], 'temporal'),
        numberColumn('a', [1, 2]),
        numberColumn('b', [3, 4], 'float'),
      ]),
    );
    expect(line?.kind).toBe('line');
    expect(
      chartPoints(
        result([textColumn('date', ['2026-03-03', '2026-03-02'], 'temporal'), numberColumn('a', [1, 2])]),
        line!,
      ).map((p) => p.label),
    ).toEqual(['2026-03-02', '2026-03-03']);
    expect(proposeChart(result([textColumn('a', ['x']), textColumn('b', ['y'])]))).toBeNull();
    expect(proposeChart(result([numberColumn('only', [1])]))).toBeNull();
  });
});
