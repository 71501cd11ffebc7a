import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { PipelineError } from '../../contracts/errors';
import { requireJava } from './java-check';
import { sparkJvmOptions, type SparkSettings } from './spark-settings';
import { ensureDriverClasses, ensureSparkJars, type JarProgress } from './spark-runtime';

/**
 * The TypeScript side of the Spark driver (driver/PipelineLabSparkDriver.java): a long-lived JVM holding one
 * SparkSession, spoken to in JSON lines over stdio (docs/decisions/008-spark-driver.md). Requests run one at a time
 * in the JVM; this client queues them in order. Progress lines stream to the request's onProgress.
 */
const metricsSchema = z.object({
  jobs: z.number(),
  stages: z.number(),
  tasks: z.number(),
  shuffleReadBytes: z.number(),
  shuffleWriteBytes: z.number(),
  spillBytes: z.number(),
  recordsWritten: z.number(),
  inputBytes: z.number(),
  peakExecutionMemory: z.number(),
  /** The most shuffle bytes one task read (a skewed partition shows here). */
  maxTaskShuffleReadBytes: z.number().optional(),
  maxTaskMs: z.number().optional(),
});
export type SparkMetrics = z.infer<typeof metricsSchema>;

const readySchema = z.object({
  type: z.literal('ready'),
  sparkVersion: z.string(),
  master: z.string(),
  defaultParallelism: z.number(),
  uiUrl: z.string().nullable(),
  startMs: z.number(),
  javaVersion: z.string(),
  maxHeapBytes: z.number(),
});
export type SparkReady = Omit<z.infer<typeof readySchema>, 'type'> & { launchMs: number };

const progressSchema = z.object({
  type: z.literal('progress'),
  id: z.number(),
  jobId: z.number(),
  stageId: z.number(),
  tasksDone: z.number(),
  tasksTotal: z.number(),
  shuffleReadBytes: z.number(),
  shuffleWriteBytes: z.number(),
  spillBytes: z.number(),
});
export type SparkProgress = Omit<z.infer<typeof progressSchema>, 'type' | 'id'>;

const resultSchema = z.object({
  type: z.literal('result'),
  id: z.number(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
  truncated: z.boolean().optional(),
  plan: z.string().optional(),
  durationMs: z.number(),
  metrics: metricsSchema,
  figures: metricsSchema.extend({ durationMs: z.number() }).optional(),
  variants: z
    .array(
      z.object({
        name: z.string(),
        plan: z.string(),
        answer: z.string().optional(),
        figures: metricsSchema.extend({ durationMs: z.number() }),
      }),
    )
    .optional(),
  heapUsedBytes: z.number(),
  peakRssBytes: z.number().optional(),
});
export interface SparkResult {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  plan?: string;
  durationMs: number;
  metrics: SparkMetrics;
  /** A cell's or experiment's own measured figures (the measured part only, without planning). */
  figures?: SparkFigures;
  /** An experiment's variants, each with its executed plan (or RDD lineage) and figures. */
  variants?: SparkVariant[];
}
export type SparkFigures = SparkMetrics & { durationMs: number };
export interface SparkVariant {
  name: string;
  plan: string;
  answer?: string;
  figures: SparkFigures;
}

const errorSchema = z.object({
  type: z.enum(['error', 'fatal']),
  id: z.number(),
  message: z.string(),
  exception: z.string(),
  errorClass: z.string().nullable().optional(),
  sqlState: z.string().nullable().optional(),
  rootCause: z.string().optional(),
});
export type SparkErrorLine = z.infer<typeof errorSchema>;

/** One line for a failed Spark request: Spark's error class and the first line of its message, never the trace. */
export function sparkErrorMessage(error: SparkErrorLine, label: string): string {
  const message =
    error.errorClass && !error.message.startsWith(`[${error.errorClass}]`)
      ? `[${error.errorClass}] ${error.message}`
      : error.message;
  const cause = error.rootCause && !message.includes(error.rootCause) ? ` (cause: ${error.rootCause})` : '';
  return `Spark failed ${label}: ${message}${cause}`;
}

interface Pending {
  label: string;
  onProgress?: (progress: SparkProgress) => void;
  resolve(result: SparkResult): void;
  reject(error: Error): void;
}

export interface RequestOptions {
  /** What the request is, for error messages: "validate/events.sql statement 3". */
  label?: string;
  /** The Iceberg warehouse directory the catalog `lake` means for this request (a run's lake/iceberg). */
  lake?: string;
  onProgress?: (progress: SparkProgress) => void;
}

export interface StartOptions {
  settings: SparkSettings;
  onJarProgress?: (progress: JarProgress) => void;
  /** Spark's own log lines (stderr of the JVM), e.g. to a debug log. */
  onLog?: (line: string) => void;
}

export class SparkDriver {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly recentLog: string[] = [];
  private exited: Error | null = null;
  /** The largest heap use any answer reported (the driver's peak memory, sampled per request). */
  peakHeapBytes = 0;
  /** The JVM's peak resident memory as of its last answer (Linux; 0 elsewhere). */
  peakRssBytes = 0;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly ready: SparkReady,
  ) {}

  static async start(options: StartOptions): Promise<SparkDriver> {
    const java = await requireJava();
    const libs = await ensureSparkJars(options.onJarProgress);
    const classes = await ensureDriverClasses(libs);
    const launched = performance.now();
    const child = spawn(
      java.java,
      [
        ...sparkJvmOptions(options.settings),
        '-cp',
        `${classes}:${join(libs, '*')}`,
        'PipelineLabSparkDriver',
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        // Spark's web UI binds to SPARK_LOCAL_IP (every interface without it): in local mode, loopback only.
        env: options.settings.master.startsWith('local')
          ? { ...process.env, SPARK_LOCAL_IP: '127.0.0.1' }
          : process.env,
      },
    );
    const recentLog: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      recentLog.push(line);
      if (recentLog.length > 40) recentLog.shift();
      options.onLog?.(line);
    });
    const lines = createInterface({ input: child.stdout });
    const ready = await new Promise<SparkReady>((resolveReady, reject) => {
      const onExit = (code: number | null) =>
        reject(
          new PipelineError(
            'SERVICE_UNAVAILABLE',
            `The Spark driver exited (code ${code}) before its session started. Last log lines: ${importantLines(recentLog)}`,
            { retriable: false },
          ),
        );
      child.once('exit', onExit);
      child.once('error', reject);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        const parsed = JSON.parse(line) as unknown;
        const readyLine = readySchema.safeParse(parsed);
        if (readyLine.success) {
          const { type: _type, ...rest } = readyLine.data;
          resolveReady({ ...rest, launchMs: Math.round(performance.now() - launched) });
          return;
        }
        const failure = errorSchema.safeParse(parsed);
        reject(
          new PipelineError(
            'SERVICE_UNAVAILABLE',
            failure.success
              ? sparkErrorMessage(failure.data, 'to start its session')
              : `The Spark driver said: ${line.slice(0, 300)}`,
            { retriable: false },
          ),
        );
      });
    });
    const driver = new SparkDriver(child, ready);
    driver.recentLog.push(...recentLog);
    lines.on('line', (line) => driver.onLine(line));
    child.on('exit', (code, signal) => driver.onExit(code, signal));
    return driver;
  }

  private onLine(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return;
    }
    const progress = progressSchema.safeParse(parsed);
    if (progress.success) {
      const { type: _type, id, ...rest } = progress.data;
      this.pending.get(id)?.onProgress?.(rest);
      return;
    }
    const result = resultSchema.safeParse(parsed);
    if (result.success) {
      const request = this.pending.get(result.data.id);
      this.pending.delete(result.data.id);
      this.peakHeapBytes = Math.max(this.peakHeapBytes, result.data.heapUsedBytes);
      this.peakRssBytes = Math.max(this.peakRssBytes, result.data.peakRssBytes ?? 0);
      request?.resolve({
        columns: result.data.columns ?? [],
        rows: result.data.rows ?? [],
        truncated: result.data.truncated ?? false,
        plan: result.data.plan,
        durationMs: result.data.durationMs,
        metrics: result.data.metrics,
        ...(result.data.figures ? { figures: result.data.figures } : {}),
        ...(result.data.variants ? { variants: result.data.variants } : {}),
      });
      return;
    }
    const failure = errorSchema.safeParse(parsed);
    if (!failure.success) {
      // A line this client cannot read is a protocol bug: fail its request rather than wait for ever.
      const id = z.object({ id: z.number() }).safeParse(parsed);
      const request = id.success ? this.pending.get(id.data.id) : undefined;
      if (id.success && request) {
        this.pending.delete(id.data.id);
        request.reject(
          new PipelineError(
            'INTERNAL',
            `The Spark driver answered ${request.label} with a line this client cannot read: ${line.slice(0, 200)}`,
          ),
        );
      }
      return;
    }
    const request = this.pending.get(failure.data.id);
    this.pending.delete(failure.data.id);
    const analysis =
      (failure.data.sqlState?.startsWith('42') ?? false) || failure.data.exception.endsWith('CellRefused');
    const timedOut = failure.data.exception.endsWith('CellTimeLimit');
    request?.reject(
      new PipelineError(
        timedOut ? 'TIMEOUT' : analysis ? 'INVALID_ARGUMENT' : 'INTERNAL',
        sparkErrorMessage(failure.data, request?.label ?? 'a request'),
        {
          retriable: false,
          details: {
            errorClass: failure.data.errorClass ?? null,
            sqlState: failure.data.sqlState ?? null,
            exception: failure.data.exception,
          },
        },
      ),
    );
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = new PipelineError(
      'SERVICE_UNAVAILABLE',
      `The Spark driver exited (${signal ?? `code ${code}`}). Last log lines: ${importantLines(this.recentLog)}`,
      { retriable: false },
    );
    for (const request of this.pending.values()) request.reject(this.exited);
    this.pending.clear();
  }

  private request(body: Record<string, unknown>, options: RequestOptions): Promise<SparkResult> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolveResult, reject) => {
      this.pending.set(id, {
        label: options.label ?? String(body.op),
        onProgress: options.onProgress,
        resolve: resolveResult,
        reject,
      });
      const lake = options.lake ? { lake: options.lake } : {};
      this.child.stdin.write(`${JSON.stringify({ id, ...body, ...lake })}\n`);
    });
  }

  /** Runs one statement; returns up to maxRows rows (default none) and, with plan, its EXPLAIN FORMATTED text. */
  sql(
    sql: string,
    options: RequestOptions & { maxRows?: number; plan?: boolean } = {},
  ): Promise<SparkResult> {
    return this.request(
      { op: 'sql', sql, maxRows: options.maxRows ?? 0, plan: options.plan ?? false },
      options,
    );
  }

  /**
   * Writes a query's result as Parquet at path and makes `name` a view over the written files; with plan, the
   * answer carries the EXPLAIN FORMATTED text of the plan the write executed.
   */
  write(
    name: string,
    sql: string,
    path: string,
    options: RequestOptions & { plan?: boolean } = {},
  ): Promise<SparkResult> {
    return this.request({ op: 'write', name, sql, path, plan: options.plan ?? false }, options);
  }

  /**
   * Makes `name` a view over Parquet written earlier (by another process of the same run); in the lesson cells'
   * session with session 'cells'.
   */
  register(name: string, path: string, session: 'pipeline' | 'cells' = 'pipeline'): Promise<SparkResult> {
    return this.request({ op: 'register', name, path, session }, { label: `registering ${name}` });
  }

  /**
   * A lesson cell's query in the cells' session (checked by cell-sql.ts first; the driver refuses anything Spark does
   * not parse as one query, and cancels its jobs after timeoutMs).
   */
  cell(
    sql: string,
    options: RequestOptions & { maxRows: number; timeoutMs: number; explainOnly?: boolean },
  ): Promise<SparkResult> {
    return this.request(
      {
        op: 'cell',
        sql,
        maxRows: options.maxRows,
        timeoutMs: options.timeoutMs,
        explainOnly: options.explainOnly ?? false,
      },
      { label: options.label ?? 'in the cell', onProgress: options.onProgress, lake: options.lake },
    );
  }

  /** One of the driver's fixed experiments (SparkExperiments.java) with the learner's parameters. */
  experiment(
    name: string,
    params: Record<string, string | number | boolean>,
    options: RequestOptions & { timeoutMs: number },
  ): Promise<SparkResult> {
    return this.request(
      { op: 'experiment', name, params, timeoutMs: options.timeoutMs },
      { label: options.label ?? `in the experiment ${name}`, onProgress: options.onProgress },
    );
  }

  /** The JVM's process id (the console shows the Spark UI link only while this process lives). */
  get pid(): number | null {
    return this.child.pid ?? null;
  }

  get alive(): boolean {
    return this.exited === null;
  }

  /** Stops the session (Spark cleans up its temporary files) and waits for the JVM to exit. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.stdin.write(`${JSON.stringify({ id: 0, op: 'shutdown' })}\n`);
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the JVM at once (a cancelled run). */
  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** The log lines that say what went wrong (errors and exceptions), else the last few. */
function importantLines(lines: readonly string[]): string {
  const errors = lines.filter((line) => /ERROR|Exception|Error:/.test(line));
  return (errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3)).join(' | ').slice(0, 800) || '(none)';
}
