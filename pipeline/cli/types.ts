import type { Clock } from '../core/clock';

/**
 * A CLI command: one file under pipeline/cli/ exporting a CliCommand, listed in pipeline/cli/registry.ts.
 * `run` gets the arguments after the command name and returns the exit code; it throws PipelineError for
 * expected failures (pipeline/cli.ts prints the message and maps the code to an exit code).
 */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  clock: Clock;
  /** Directory relative paths are resolved against. */
  cwd: string;
  signal?: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `npm run pipeline -- help`. */
  summary: string;
  /** Flags and an example, printed by `<command> --help` and after a usage error. */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
