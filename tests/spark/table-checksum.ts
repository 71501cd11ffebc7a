import { DuckDBInstance } from '@duckdb/node-api';

/**
 * An order-independent checksum of a Parquet table over canonical values, so tables built by different engines can
 * be compared row for row: every value as text (DECIMAL exactly as written, TIMESTAMP as UTC ISO-8601 with
 * microseconds, DOUBLE in its shortest round-trip form, lists, structs and JSON as their text), each row hashed, the
 * hashes summed (a multiset: duplicate rows count). The column names and types are part of the result.
 */
export interface TableChecksum {
  rows: number;
  checksum: string;
  columns: string;
}

function canonical(name: string, type: string): string {
  const column = `"${name.replaceAll('"', '""')}"`;
  if (type.startsWith('TIMESTAMP')) return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%fZ')`;
  return `CAST(${column} AS VARCHAR)`;
}

async function withDuckDb<T>(
  work: (run: (sql: string) => Promise<Array<Record<string, unknown>>>) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await work(
      async (sql) =>
        (await connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const source = (path: string) => `read_parquet('${path.replaceAll("'", "''")}')`;

export async function parquetChecksum(path: string): Promise<TableChecksum> {
  return withDuckDb(async (run) => {
    const described = await run(`DESCRIBE SELECT * FROM ${source(path)}`);
    const columns = described.map((row) => ({
      name: String(row.column_name),
      type: String(row.column_type),
    }));
    const row = columns
      .map((column) => `coalesce(${canonical(column.name, column.type)}, '∅')`)
      .join(` || '|' || `);
    const [result] = await run(
      `SELECT count(*) AS n, coalesce(sum(hash(${row})::HUGEINT), 0)::VARCHAR AS checksum FROM ${source(path)}`,
    );
    return {
      rows: Number(result?.n ?? 0),
      checksum: String(result?.checksum),
      columns: columns.map((column) => `${column.name} ${column.type}`).join(', '),
    };
  });
}

/** Up to `limit` canonical rows of `left` that `right` lacks (a multiset difference), to show what differs. */
export async function rowsOnlyIn(left: string, right: string, limit = 3): Promise<string[]> {
  return withDuckDb(async (run) => {
    const described = await run(`DESCRIBE SELECT * FROM ${source(left)}`);
    const row = described
      .map((column) => `coalesce(${canonical(String(column.column_name), String(column.column_type))}, '∅')`)
      .join(` || '|' || `);
    const rows = await run(
      `SELECT ${row} AS r FROM ${source(left)} EXCEPT ALL SELECT ${row} AS r FROM ${source(right)} ORDER BY r LIMIT ${limit}`,
    );
    return rows.map((found) => String(found.r));
  });
}

/** How many rows of `left` are not in `right` (a multiset difference), comparing every column but `ignored`. */
export async function withoutColumnsOnlyIn(
  left: string,
  right: string,
  ignored: readonly string[],
): Promise<number> {
  return withDuckDb(async (run) => {
    const excluded = ignored.length > 0 ? ` EXCLUDE (${ignored.map((name) => `"${name}"`).join(', ')})` : '';
    const [found] = await run(
      `SELECT count(*) AS n FROM (SELECT *${excluded} FROM ${source(left)} EXCEPT ALL SELECT *${excluded} FROM ${source(right)})`,
    );
    return Number(found?.n);
  });
}
