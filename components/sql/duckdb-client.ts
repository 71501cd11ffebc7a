import type {
  AttachResult,
  DatabaseSource,
  EngineError,
  EngineReady,
  EngineRequest,
  EngineResponse,
  QueryResult,
} from './protocol';
import { defaultRowLimit } from './protocol';

/** An engine failure with DuckDB's message and, for queries, the position it reported. */
export class SqlEngineError extends Error {
  readonly line: number | null;
  readonly column: number | null;
  readonly cancelled: boolean;

  constructor(error: EngineError) {
    super(error.message);
    this.name = 'SqlEngineError';
    this.line = error.line;
    this.column = error.column;
    this.cancelled = error.cancelled;
  }
}

type Pending = {
  resolve: (response: EngineResponse & { ok: true }) => void;
  reject: (error: SqlEngineError) => void;
};

type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The page's side of the engine worker: one worker per page, shared by the playground and every SqlCell, so the
 * 34 MB engine is fetched and compiled once. Requests are matched to responses by id.
 */
export class DuckDbClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly ready: Promise<EngineReady>;
  private attachedKey: string | null = null;
  private attaching: Promise<AttachResult> | null = null;
  private lastAttach: AttachResult | null = null;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sql-engine',
    });
    this.worker.addEventListener('message', (event: MessageEvent<EngineResponse>) =>
      this.onMessage(event.data),
    );
    this.worker.addEventListener('error', (event) => {
      const error = new SqlEngineError({
        message: `The SQL engine worker failed: ${event.message}`,
        line: null,
        column: null,
        cancelled: false,
      });
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
    this.ready = this.send({ type: 'init' }).then((response) =>
      response.type === 'init' ? response.value : Promise.reject(new Error('bad reply')),
    );
  }

  private onMessage(response: EngineResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (response.ok) pending.resolve(response);
    else pending.reject(new SqlEngineError(response.error));
  }

  private send(body: RequestBody, id: number = this.nextId++): Promise<EngineResponse & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as EngineRequest);
    });
  }

  whenReady(): Promise<EngineReady> {
    return this.ready;
  }

  /** Attach a database (once per source key); later calls with the same key reuse the attachment. */
  async attach(source: DatabaseSource): Promise<AttachResult> {
    if (this.attachedKey === source.key && this.lastAttach) return this.lastAttach;
    if (this.attaching && this.attachedKey === source.key) return this.attaching;
    this.attachedKey = source.key;
    this.attaching = this.send({ type: 'attach', source }).then((response) => {
      if (response.type !== 'attach') throw new Error('bad reply');
      this.lastAttach = response.value;
      return response.value;
    });
    this.attaching.catch(() => {
      this.attachedKey = null;
      this.lastAttach = null;
    });
    return this.attaching;
  }

  /** Run SQL; `cancel()` on the returned handle stops it. */
  query(
    sql: string,
    rowLimit: number = defaultRowLimit,
  ): { result: Promise<QueryResult>; cancel: () => Promise<boolean> } {
    const id = this.nextId++;
    const result = this.send({ type: 'query', sql, rowLimit }, id).then((response) => {
      if (response.type !== 'query') throw new Error('bad reply');
      return response.value;
    });
    const cancel = () =>
      this.send({ type: 'cancel', queryId: id }).then(
        (response) => response.type === 'cancel' && response.value.cancelled,
      );
    return { result, cancel };
  }
}

let shared: DuckDbClient | null = null;

/** The page-wide engine, created on first use. */
export function sharedDuckDbClient(): DuckDbClient {
  shared ??= new DuckDbClient();
  return shared;
}
