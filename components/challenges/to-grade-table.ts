import type { QueryResult } from '@/components/sql/protocol';
import { cellText } from '@/components/sql/result-values';
import type { Cell, GradeTable } from '@/lib/sql/grade';

/** The engine's columnar result as grader rows: plain numbers stay numbers, exact texts (DECIMAL, big BIGINT) stay text the grader reads as numbers. */
export function toGradeTable(result: QueryResult): GradeTable {
  const rows: Cell[][] = [];
  for (let row = 0; row < result.rowCount; row++) {
    rows.push(
      result.columns.map((column) => {
        if (column.nulls[row]) return null;
        const text = column.texts?.[row];
        if (text !== undefined && text !== null) return text;
        const value = column.numbers?.[row];
        return value === undefined ? cellText(column, row) : value;
      }),
    );
  }
  return { columns: result.columns.map((column) => column.name), rows };
}
