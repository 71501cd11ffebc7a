/**
 * The typed message protocol between the page and the SQL engine worker (engine.worker.ts). Every request carries
 * an id; the worker answers each with exactly one response of the same id. Results travel as columns: numbers in
 * transferable Float64Arrays, everything else as display strings, so 100k rows cross the boundary cheaply.
 */

/** How a column is shown and sorted. `decimal` keeps the exact text and a double for sorting and charts. */
export type ColumnKind = 'integer' | 'float' | 'decimal' | 'boolean' | 'text' | 'temporal' | 'other';

export interface ResultColumn {
  name: string;
  /** The engine's type, e.g. DECIMAL(12,2), BIGINT, VARCHAR, TIMESTAMP. */
  type: string;
  kind: ColumnKind;
  /** Numbers for numeric kinds (NaN where null); null for the others. */
  numbers: Float64Array | null;
  /** Display text for non-numeric kinds, decimals (exact) and BIGINTs past 2^53; null (or null cells) for plain numbers. */
  texts: (string | null)[] | null;
  /** 1 where the value is SQL NULL. */
  nulls: Uint8Array;
}

export interface QueryResult {
  columns: ResultColumn[];
  rowCount: number;
  /** The engine stopped reading after `rowLimit` rows: the result has more. */
  truncated: boolean;
  rowLimit: number;
  /** Wall time in the engine worker, from sending the SQL to having every row (before conversion). */
  elapsedMs: number;
}

export interface SchemaColumn {
  name: string;
  type: string;
}

export interface SchemaTable {
  name: string;
  rows: number;
  columns: SchemaColumn[];
}

/** Where the database comes from: a URL on this origin that answers HTTP range requests. */
export interface DatabaseSource {
  /** A label for the UI and the attach cache, e.g. the run id or "sample". */
  key: string;
  url: string;
}

export interface EngineError {
  message: string;
  /** 1-based position in the SQL that was sent, when DuckDB reported one. */
  line: number | null;
  column: number | null;
  cancelled: boolean;
}

export type EngineRequest =
  | { id: number; type: 'init' }
  | { id: number; type: 'attach'; source: DatabaseSource }
  | { id: number; type: 'query'; sql: string; rowLimit: number }
  | { id: number; type: 'cancel'; queryId: number };

export interface EngineReady {
  version: string;
  /** ms from the worker starting to the engine accepting queries. */
  initMs: number;
}

export interface AttachResult {
  key: string;
  tables: SchemaTable[];
  attachMs: number;
}

export type EngineResponse =
  | { id: number; ok: true; type: 'init'; value: EngineReady }
  | { id: number; ok: true; type: 'attach'; value: AttachResult }
  | { id: number; ok: true; type: 'query'; value: QueryResult }
  | { id: number; ok: true; type: 'cancel'; value: { cancelled: boolean } }
  | { id: number; ok: false; error: EngineError };

export const defaultRowLimit = 100_000;
