import './cli/load-env';
import { exitCodeByCode, isPipelineError } from './contracts/errors';
import { systemClock } from './core/clock';
import { commands, findCommand } from './cli/registry';
import type { CliIo } from './cli/types';

/**
 * `npm run pipeline -- <command> [flags]`. Commands live in pipeline/cli/*-command.ts and are listed in
 * pipeline/cli/registry.ts. A PipelineError becomes its exit code (exitCodeByCode) and one message on stderr:
 * readable on a TTY, a JSON line otherwise; anything else is a bug (exit 70).
 */
function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Usage: npm run pipeline -- <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\nRun a command with --help for its flags.\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(helpText());
    return name === undefined ? exitCodeByCode.INVALID_ARGUMENT : 0;
  }
  const command = findCommand(name);
  if (!command) {
    return reportError(
      io,
      'INVALID_ARGUMENT',
      `Unknown command "${name}". Commands: ${commands.map((entry) => entry.name).join(', ')}.`,
    );
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isPipelineError(error)) {
      const code = reportError(io, error.code, error.message);
      if (error.code === 'INVALID_ARGUMENT') io.stderr.write(`\n${command.usage}\n`);
      return code;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return reportError(
      io,
      'INTERNAL',
      `Unexpected failure in "${name}" (a bug, please report it): ${message}`,
    );
  }
}

function reportError(io: CliIo, code: keyof typeof exitCodeByCode, message: string): number {
  if (io.stderr.isTTY) io.stderr.write(`\x1b[31merror\x1b[0m [${code}] ${message}\n`);
  else io.stderr.write(`${JSON.stringify({ level: 'error', code, message, time: io.clock.now() })}\n`);
  return exitCodeByCode[code];
}

const isEntryPoint = process.argv[1] !== undefined && /pipeline[\\/]cli\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    clock: systemClock,
    cwd: process.cwd(),
    signal: controller.signal,
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 70;
    },
  );
}
