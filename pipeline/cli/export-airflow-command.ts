import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { faultProfiles } from '../contracts/faults';
import { renderAirflowDag } from '../orchestration/airflow-dag';
import { enumFlag, integerFlag, parseFlags } from './flags';
import type { CliCommand } from './types';

const usage = `npm run pipeline -- export-airflow [--out FILE] [--seed 42] [--events 100000] [--days 14] [--faults realistic] [--schedule @daily]

Writes the pipeline's DAG as an Apache Airflow DAG file (default .data/airflow/pipeline_lab_dag.py): one
BashOperator per stage running this CLI, the same dependencies, retries with back-off and timeouts.
Copy it into your Airflow dags/ folder to see the mapping.`;

const flagSpec = {
  out: { type: 'string', default: '.data/airflow/pipeline_lab_dag.py' },
  seed: { type: 'string', default: '42' },
  events: { type: 'string', default: '100000' },
  days: { type: 'string', default: '14' },
  faults: { type: 'string', default: 'realistic' },
  schedule: { type: 'string', default: '@daily' },
} as const;

const flagSchema = z.object({
  out: z.string().regex(/\.py$/, '--out must name a .py file'),
  seed: integerFlag('seed', 0, 2 ** 31 - 1),
  events: integerFlag('events', 1, 20_000_000),
  days: integerFlag('days', 1, 365),
  faults: enumFlag('faults', faultProfiles),
  schedule: z
    .string()
    .regex(/^(@[a-z]+|[0-9*,/\- ]+)$/, '--schedule must be a preset like @daily or a cron expression'),
});

export const exportAirflowCommand: CliCommand = {
  name: 'export-airflow',
  summary: 'Write the pipeline DAG as an Apache Airflow DAG file (one task per stage)',
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const flags = parseFlags('export-airflow', argv, flagSpec, flagSchema);
    const file = resolve(io.cwd, flags.out);
    await mkdir(dirname(file), { recursive: true });
    const text = renderAirflowDag({
      projectDir: io.cwd,
      config: { seed: flags.seed, events: flags.events, days: flags.days, faults: flags.faults },
      schedule: flags.schedule,
    });
    await writeFile(file, text);
    io.stdout.write(`${file}\n`);
    return 0;
  },
};
