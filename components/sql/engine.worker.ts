/// <reference lib="webworker" />
/**
 * The SQL engine worker: owns DuckDB-WASM (which runs its own worker for the engine), attaches a run's exported
 * database read-only, runs queries and turns Arrow batches into transferable columns,
 * so neither the engine nor the result conversion ever blocks the page.
 */
import {
  AsyncDuckDB,
  type AsyncDuckDBConnection,
  PACKAGE_VERSION,
  VoidLogger,
  selectBundle,
} from '@duckdb/duckdb-wasm';
import { batchesToColumns, type ArrowBatchLike } from './arrow-columns';
import { describeDuckDbError } from './error-position';
import type {
  AttachResult,
  DatabaseSource,
  EngineError,
  EngineReady,
  EngineRequest,
  EngineResponse,
  QueryResult,
  SchemaTable,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const started = performance.now();
let engine: Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection; ready: EngineReady }> | null = null;
let attached: { key: string; fileName: string } | null = null;
/** The query currently running, so a cancel request can find it. */
let running: { id: number; cancelled: boolean } | null = null;
/** Queries run one at a time on the single connection; this chain keeps their order. */
let queue: Promise<unknown> = Promise.resolve();

function startEngine() {
  engine ??= (async () => {
    const base = `${self.location.origin}/duckdb/${PACKAGE_VERSION}/`;
    const bundle = await selectBundle({
      mvp: { mainModule: `${base}duckdb-mvp.wasm`, mainWorker: `${base}duckdb-browser-mvp.worker.js` },
      eh: { mainModule: `${base}duckdb-eh.wasm`, mainWorker: `${base}duckdb-browser-eh.worker.js` },
    });
    const db = new AsyncDuckDB(
      new VoidLogger(),
      new Worker(bundle.mainWorker ?? `${base}duckdb-browser-eh.worker.js`),
    );
    await db.instantiate(bundle.mainModule);
    // Keep BIGINT and DECIMAL as they are: the result conversion formats them exactly.
    await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: false } });
    const conn = await db.connect();
    return {
      db,
      conn,
      ready: { version: await db.getVersion(), initMs: Math.round(performance.now() - started) },
    };
  })();
  engine.catch(() => {
    engine = null;
  });
  return engine;
}

async function attach(source: DatabaseSource): Promise<AttachResult> {
  const { db, conn } = await startEngine();
  const t0 = performance.now();
  if (attached) {
    await conn.query('USE memory');
    await conn.query('DETACH run');
    await db.dropFile(attached.fileName);
    attached = null;
  }
  const url = new URL(source.url, self.location.origin);
  if (url.origin !== self.location.origin)
    throw new Error(`Refusing to attach ${url.origin}: only this site's runs can be queried.`);
  const fileName = `${source.key.replace(/[^a-z0-9-]/gi, '_')}.duckdb`;
  // The whole file is fetched (from this machine's server, revalidated by ETag) and handed to the engine as a
  // buffer. DuckDB-WASM's lazy HTTP reads need Content-Length on a ranged HEAD, which Next 16 strips from route
  // handler responses; see docs/decisions/002-duckdb-wasm-offline.md.
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new Error(
      `GET ${url.pathname} answered ${response.status}${detail ? `: ${detail.slice(0, 200)}` : ''}`,
    );
  }
  await db.registerFileBuffer(fileName, new Uint8Array(await response.arrayBuffer()));
  await conn.query(`ATTACH '${fileName}' AS run (READ_ONLY)`);
  await conn.query('USE run');
  attached = { key: source.key, fileName };
  const tables = await readSchema(conn);
  return { key: source.key, tables, attachMs: Math.round(performance.now() - t0) };
}

async function readSchema(conn: AsyncDuckDBConnection): Promise<SchemaTable[]> {
  const columns = await conn.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = 'run' AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  // estimated_size is the stored row count of a table that has no pending deletes: exact for an exported file.
  const sizes = await conn.query(
    `SELECT table_name, estimated_size FROM duckdb_tables() WHERE database_name = 'run' AND schema_name = 'main'`,
  );
  const rows = new Map<string, number>();
  for (const row of sizes.toArray() as { table_name: string; estimated_size: bigint | number }[]) {
    rows.set(row.table_name, Number(row.estimated_size));
  }
  const tables = new Map<string, SchemaTable>();
  for (const row of columns.toArray() as { table_name: string; column_name: string; data_type: string }[]) {
    const table = tables.get(row.table_name) ?? {
      name: row.table_name,
      rows: rows.get(row.table_name) ?? 0,
      columns: [],
    };
    table.columns.push({ name: row.column_name, type: row.data_type });
    tables.set(row.table_name, table);
  }
  return [...tables.values()];
}

async function query(id: number, sql: string, rowLimit: number): Promise<QueryResult> {
  const { conn } = await startEngine();
  const current = { id, cancelled: false };
  running = current;
  try {
    const t0 = performance.now();
    const reader = await conn.send(sql, true);
    const batches: ArrowBatchLike[] = [];
    let rows = 0;
    let truncated = false;
    for await (const batch of reader) {
      if (current.cancelled) throw new Error('Query cancelled.');
      batches.push(batch as unknown as ArrowBatchLike);
      rows += batch.numRows;
      if (rows > rowLimit) {
        truncated = true;
        break;
      }
    }
    if (truncated) await conn.cancelSent().catch(() => false);
    const elapsedMs = performance.now() - t0;
    const { columns, rowCount } = batchesToColumns(batches, rowLimit);
    return { columns, rowCount, truncated, rowLimit, elapsedMs: Math.round(elapsedMs * 10) / 10 };
  } catch (error) {
    if (current.cancelled) throw Object.assign(new Error('Query cancelled.'), { cancelled: true });
    throw error;
  } finally {
    if (running === current) running = null;
  }
}

function toEngineError(error: unknown, sql?: string): EngineError {
  const raw = error instanceof Error ? error.message : String(error);
  const cancelled = typeof error === 'object' && error !== null && 'cancelled' in error;
  const { summary, position } = describeDuckDbError(raw, sql ?? '');
  return {
    message: summary,
    line: sql ? (position?.line ?? null) : null,
    column: sql ? (position?.column ?? null) : null,
    cancelled,
  };
}

function transferables(result: QueryResult): ArrayBuffer[] {
  return result.columns.flatMap((c) => [
    c.nulls.buffer as ArrayBuffer,
    ...(c.numbers ? [c.numbers.buffer as ArrayBuffer] : []),
  ]);
}

async function handle(request: EngineRequest): Promise<void> {
  const reply = (response: EngineResponse, transfer: ArrayBuffer[] = []) =>
    self.postMessage(response, transfer);
  try {
    switch (request.type) {
      case 'init':
        reply({ id: request.id, ok: true, type: 'init', value: (await startEngine()).ready });
        return;
      case 'attach': {
        const value = await (queue = queue.then(
          () => attach(request.source),
          () => attach(request.source),
        ));
        reply({ id: request.id, ok: true, type: 'attach', value });
        return;
      }
      case 'query': {
        const run = () => query(request.id, request.sql, request.rowLimit);
        const value = await (queue = queue.then(run, run));
        reply({ id: request.id, ok: true, type: 'query', value }, transferables(value));
        return;
      }
      case 'cancel': {
        let cancelled = false;
        if (running && running.id === request.queryId) {
          running.cancelled = true;
          const { conn } = await startEngine();
          cancelled = await conn.cancelSent().catch(() => false);
        }
        reply({ id: request.id, ok: true, type: 'cancel', value: { cancelled } });
        return;
      }
    }
  } catch (error) {
    reply({
      id: request.id,
      ok: false,
      error: toEngineError(error, request.type === 'query' ? request.sql : undefined),
    });
  }
}

self.addEventListener('message', (event: MessageEvent<EngineRequest>) => {
  void handle(event.data);
});
