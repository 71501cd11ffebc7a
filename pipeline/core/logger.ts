import type { LogLevel, LogRecord, Logger } from '../contracts/stage';
import type { StageName } from '../contracts/stages';
import type { Clock } from './clock';

/**
 * The Logger of pipeline/contracts/stage.ts. On a TTY a record is one readable, coloured line
 * (`12:04:05.120 INFO  generate  dataset generated outputRows=1052344`); otherwise it is one JSON object per
 * line (the LogRecord itself), which log shippers and the web console's SSE stream can parse.
 */
export interface LogSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface LoggerOptions {
  sink: LogSink;
  clock: Clock;
  /** Records below this level are dropped. Default `info`. */
  level?: LogLevel;
  /** Default: `pretty` when the sink is a TTY, `json` otherwise. */
  format?: 'pretty' | 'json';
  /** Also hand every record to this callback (for SSE or tests). */
  onRecord?: (record: LogRecord) => void;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const colour: Record<LogLevel, string> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
};
const reset = '\x1b[0m';

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s|"|=/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

export function formatPretty(record: LogRecord, colours: boolean): string {
  const time = new Date(record.time).toISOString().slice(11, 23);
  const level = record.level.toUpperCase().padEnd(5);
  const stage = record.stage ? ` ${record.stage.padEnd(9)}` : '';
  const fields = Object.entries(record.fields ?? {})
    .map(([key, value]) => ` ${key}=${formatValue(value)}`)
    .join('');
  const levelText = colours ? `${colour[record.level]}${level}${reset}` : level;
  return `${time} ${levelText}${stage} ${record.message}${fields}\n`;
}

export function createLogger(options: LoggerOptions, stage?: StageName): Logger {
  const minimum = rank[options.level ?? 'info'];
  const format = options.format ?? (options.sink.isTTY ? 'pretty' : 'json');
  return {
    log(level, message, fields) {
      if (rank[level] < minimum) return;
      const record: LogRecord = { level, message, time: options.clock.now() };
      if (stage) record.stage = stage;
      if (fields && Object.keys(fields).length > 0) record.fields = fields;
      options.onRecord?.(record);
      options.sink.write(
        format === 'json' ? `${JSON.stringify(record)}\n` : formatPretty(record, options.sink.isTTY === true),
      );
    },
    child(childStage) {
      return createLogger(options, childStage);
    },
  };
}
