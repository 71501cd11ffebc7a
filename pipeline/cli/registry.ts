import { exportAirflowCommand } from './export-airflow-command';
import { generateCommand } from './generate-command';
import { lakehouseCommand } from './lakehouse-command';
import { runCommand } from './run-command';
import { statusCommand } from './status-command';
import { stepCommand } from './step-command';
import type { CliCommand } from './types';

/**
 * Every command of `npm run pipeline -- <command>`. To add one: write pipeline/cli/<name>-command.ts exporting
 * a CliCommand (see ./types.ts and ./generate-command.ts), parse its flags with parseFlags (./flags.ts), and
 * append it here. Names are unique; `help` is built in.
 */
export const commands: readonly CliCommand[] = [
  generateCommand,
  runCommand,
  stepCommand,
  statusCommand,
  exportAirflowCommand,
  lakehouseCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return commands.find((command) => command.name === name);
}
