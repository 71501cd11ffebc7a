import type { Clock } from '../core/clock';
import type { Random } from '../core/random';
import type { RunConfig, StageOutput } from './manifest';
import type { Services } from './services';
import type { StageName } from './stages';

/** Structured log lines: JSON lines when not on a TTY, readable lines on a TTY, SSE to the web console. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface LogRecord {
  level: LogLevel;
  message: string;
  stage?: StageName;
  /** Milliseconds since the epoch, from the injected clock. */
  time: number;
  fields?: Record<string, unknown>;
}
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  child(stage: StageName): Logger;
}

export interface StageProgress {
  done: number;
  total?: number;
  /** What `done` counts: "events", "records", "files". */
  unit?: string;
}

/** Everything a stage may use. Stages get no globals: same context → same outputs. */
export interface StageContext {
  runId: string;
  /** Absolute path of the run directory (its layout is in ARCHITECTURE.md). */
  runDir: string;
  config: RunConfig;
  services: Services;
  clock: Clock;
  /** Seeded from config.seed and the stage name, so stages do not shift each other's streams. */
  random: Random;
  log: Logger;
  signal: AbortSignal;
  progress(update: StageProgress): void;
}

export interface StageResult {
  inputRows: number;
  outputRows: number;
  rejectedRows: number;
  rejectReasons: Record<string, number>;
  outputs: StageOutput[];
  /** Stage-specific figures: per-entity counts, throughput, lag… (shown in the console and the summary). */
  metrics: Record<string, unknown>;
}

export interface StageDefinition {
  name: StageName;
  run(context: StageContext): Promise<StageResult>;
}
