import type { SampleRow, SampleValue } from './inspect-types';

/** Long values (a raw JSON line, a URL) are cut so a sample stays a glance, not a payload. */
export const maxValueChars = 160;

function cut(text: string): string {
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars - 1)}…` : text;
}

/** One cell for display: scalars as they are, nested values as JSON text. */
export function toSampleValue(value: unknown): SampleValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cut(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  return cut(JSON.stringify(value));
}

export function toSampleRow(record: Record<string, unknown>): SampleRow {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, toSampleValue(value)]));
}

/** Column order of the first row, then any column a later row adds. */
export function columnsOf(rows: readonly SampleRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}
