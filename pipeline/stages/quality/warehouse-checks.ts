import type { Warehouse } from '../../contracts/services';
import { asNumber } from '../etl-support';
import type { QualityCheck } from '../../contracts/quality-report';

/** Splits quality/checks.sql into its `-- check: name | table | column | kind` blocks. */
export function parseChecks(
  sql: string,
): Array<Omit<QualityCheck, 'passed' | 'failingRows' | 'sample'> & { sql: string }> {
  const blocks = sql.split(/^-- check: /m).slice(1);
  return blocks.map((block) => {
    const [header = '', ...rest] = block.split('\n');
    const [name = '', table = '', column = '', kind = ''] = header.split('|').map((part) => part.trim());
    const body = rest
      .filter((line) => !line.startsWith('--'))
      .join('\n')
      .trim()
      .replace(/;\s*$/, '');
    return { name, table, column, kind, sql: body };
  });
}

export async function runWarehouseChecks(
  warehouse: Warehouse,
  sql: string,
  sampleSize = 5,
): Promise<QualityCheck[]> {
  const results: QualityCheck[] = [];
  for (const check of parseChecks(sql)) {
    const [count] = await warehouse.query(`SELECT count(*) AS n FROM (${check.sql})`);
    const failingRows = asNumber(count?.n);
    const sample =
      failingRows > 0
        ? await warehouse.query(`SELECT * FROM (${check.sql}) ORDER BY ALL LIMIT ${sampleSize}`)
        : [];
    results.push({
      name: check.name,
      table: check.table,
      column: check.column,
      kind: check.kind,
      passed: failingRows === 0,
      failingRows,
      sample,
    });
  }
  return results;
}
