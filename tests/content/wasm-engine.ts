import { createRequire } from 'node:module';
import path from 'node:path';
import type { Cell, GradeTable } from '@/lib/sql/grade';

/**
 * DuckDB-WASM, the browser's engine (1.4 here, while the node engine that builds runs is 1.5), run in Node through
 * its blocking build. Values are converted as the browser's result conversion does in spirit: booleans as text,
 * big integers as numbers, everything else as its text.
 */
interface ArrowTable {
  schema: { fields: { name: string }[] };
  toArray(): Record<string, unknown>[];
}
interface BlockingConnection {
  query(sql: string): ArrowTable;
}
interface BlockingDuckDB {
  instantiate(): Promise<void>;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  open(config: object): void;
  connect(): BlockingConnection;
}
interface BlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDuckDB>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

const require = createRequire(import.meta.url);

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export interface WasmEngine {
  version: string;
  run(sql: string): Promise<GradeTable>;
  /** Makes bytes readable as `name`, e.g. a run's warehouse.duckdb to ATTACH, as the browser does. */
  registerFile(name: string, bytes: Uint8Array): void;
}

export async function wasmEngine(): Promise<WasmEngine> {
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(entry) as BlockingModule;
  const dist = path.dirname(entry);
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  const connection = db.connect();
  const run = async (sql: string): Promise<GradeTable> => {
    const table = connection.query(sql);
    const columns = table.schema.fields.map((field) => field.name);
    return { columns, rows: table.toArray().map((row) => columns.map((column) => toCell(row[column]))) };
  };
  const version = String((await run('SELECT version()')).rows[0]?.[0]);
  return { version, run, registerFile: (name, bytes) => db.registerFileBuffer(name, bytes) };
}
