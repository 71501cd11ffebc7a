import type { QueryResult, ResultColumn } from './protocol';

/** A cell as text, exactly as the engine returned it; null for SQL NULL. */
export function cellText(column: ResultColumn, row: number): string | null {
  if (column.nulls[row]) return null;
  const text = column.texts?.[row];
  if (text !== undefined && text !== null) return text;
  const value = column.numbers?.[row];
  return value === undefined ? null : String(value);
}

/** Row order for a sort; NULLs last whichever the direction, as DuckDB's default NULLS LAST. */
export function sortOrder(
  column: ResultColumn | null,
  direction: 'asc' | 'desc',
  rowCount: number,
): Uint32Array {
  const order = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) order[i] = i;
  if (!column) return order;
  const sign = direction === 'asc' ? 1 : -1;
  const { nulls, numbers } = column;
  if (numbers) {
    order.sort((a, b) => nulls[a]! - nulls[b]! || sign * (numbers[a]! - numbers[b]!));
    return order;
  }
  const texts = column.texts ?? [];
  order.sort((a, b) => {
    const byNull = nulls[a]! - nulls[b]!;
    if (byNull !== 0) return byNull;
    const x = texts[a] ?? '';
    const y = texts[b] ?? '';
    return x < y ? -sign : x > y ? sign : 0;
  });
  return order;
}

function csvField(text: string | null): string {
  if (text === null) return '';
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row; NULL becomes an empty field. */
export function toCsv(result: QueryResult, order?: Uint32Array): string {
  const lines = [result.columns.map((c) => csvField(c.name)).join(',')];
  for (let i = 0; i < result.rowCount; i++) {
    const row = order ? order[i]! : i;
    lines.push(result.columns.map((c) => csvField(cellText(c, row))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
