import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../contracts/errors';
import { readManifest } from '../core/manifest-file';
import {
  icebergTableDirectory,
  lakehouseTableNames,
  RunLakehouse,
} from '../engines/spark/lakehouse/iceberg-catalog';
import { runIncrementalDay } from '../engines/spark/lakehouse/iceberg-incremental';
import { history, snapshots, tableFiles } from '../engines/spark/lakehouse/iceberg-inspect';
import { compactDataFiles, expireSnapshots } from '../engines/spark/lakehouse/iceberg-maintenance';
import { writeIcebergTables } from '../engines/spark/lakehouse/iceberg-tables';
import { readAsOf } from '../engines/spark/lakehouse/iceberg-time-travel';
import { closeSharedSparkDriver, sharedSparkDriver } from '../engines/spark/spark-session';
import { createLogger } from '../core/logger';
import { enumFlag, integerFlag, parseFlags } from './flags';
import * as render from './lakehouse-render';
import { runsRoot } from './pipeline-session';
import type { CliCommand, CliIo } from './types';

const actions = [
  'init',
  'tables',
  'snapshots',
  'history',
  'files',
  'travel',
  'incremental',
  'expire',
  'compact',
] as const;

const usage = `npm run pipeline -- lakehouse ACTION --run RUN [--table dim_user] [flags]

A run's Iceberg lakehouse (catalog lake, tables lake.curated.<table> in <run>/lake/iceberg), on Spark (Java 17+).
A Spark-engine run writes it in its export stage; \`init\` writes it for any exported run. RUN is a run id (under
PIPELINE_LAB_RUNS_DIR or .data/runs) or a run directory.
  init                                  write every curated table as an Iceberg table (a new snapshot if it exists)
  tables                                every table: rows, files, bytes, current snapshot
  snapshots | history | files           a table's snapshots, its history, its files (count, bytes) now
  travel --version ID | --timestamp T   read the table as of a snapshot id or a UTC time [--user USER_ID]
  incremental --day YYYY-MM-DD          land a later day's user changes and MERGE them into dim_user (SCD2) [--changes N]
  expire [--older-than now|T] [--retain-last 1]   CALL lake.system.expire_snapshots, files before and after
  compact [--min-input-files 2]         CALL lake.system.rewrite_data_files, files before and after
Example: npm run pipeline -- lakehouse incremental --run demo --day 2025-09-07`;

const flagSchema = z.object({
  run: z.string({ error: '--run RUN is required (a run id or directory)' }).min(1),
  table: enumFlag('table', lakehouseTableNames as [string, ...string[]]).default('dim_user'),
  day: z.string().optional(),
  changes: integerFlag('changes', 1, 100_000).optional(),
  version: z.string().optional(),
  timestamp: z.string().optional(),
  user: z.string().optional(),
  olderThan: z.string().default('now'),
  retainLast: integerFlag('retain-last', 1, 1000).default(1),
  minInputFiles: integerFlag('min-input-files', 1, 10_000).default(2),
});

const flagSpec = {
  run: { type: 'string' },
  table: { type: 'string' },
  day: { type: 'string' },
  changes: { type: 'string' },
  version: { type: 'string' },
  timestamp: { type: 'string' },
  user: { type: 'string' },
  'older-than': { type: 'string' },
  'retain-last': { type: 'string' },
  'min-input-files': { type: 'string' },
} as const;

function runDirectory(io: CliIo, run: string): string {
  const asPath = resolve(io.cwd, run);
  if (existsSync(join(asPath, 'manifest.json'))) return asPath;
  if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(run)) {
    const asId = join(runsRoot(io), run);
    if (existsSync(join(asId, 'manifest.json'))) return asId;
  }
  throw new PipelineError(
    'NOT_FOUND',
    `--run ${run}: no run with that id under ${runsRoot(io)}, nor a run directory there.`,
  );
}

export const lakehouseCommand: CliCommand = {
  name: 'lakehouse',
  summary: "A run's Iceberg tables: snapshots, time travel, incremental MERGE (SCD2), expire, compact",
  usage,
  async run(argv, io) {
    if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
      io.stdout.write(`${usage}\n`);
      return argv.length === 0 ? 2 : 0;
    }
    const [actionArgument, ...rest] = argv;
    const action = enumFlag('action', actions).safeParse(actionArgument);
    if (!action.success)
      throw new PipelineError(
        'INVALID_ARGUMENT',
        `lakehouse: the first argument must be one of ${actions.join(', ')} (got "${actionArgument ?? ''}")`,
      );
    const flags = parseFlags('lakehouse', rest, { ...flagSpec }, flagSchema);
    const runDir = runDirectory(io, flags.run);
    const manifest = await readManifest(runDir);
    if (!manifest) throw new PipelineError('NOT_FOUND', `No manifest.json in ${runDir}.`);
    if (action.data === 'travel' && (flags.version === undefined) === (flags.timestamp === undefined))
      throw new PipelineError(
        'INVALID_ARGUMENT',
        'lakehouse travel: give exactly one of --version SNAPSHOT_ID or --timestamp "YYYY-MM-DD HH:MM:SS"',
      );
    if (action.data === 'incremental' && !flags.day)
      throw new PipelineError('INVALID_ARGUMENT', 'lakehouse incremental: --day YYYY-MM-DD is required');
    if (
      !['init'].includes(action.data) &&
      !existsSync(join(icebergTableDirectory(runDir, flags.table), 'metadata'))
    )
      throw new PipelineError(
        'NOT_FOUND',
        `${runDir} has no Iceberg table ${flags.table}: run with --engine spark, or write it with npm run pipeline -- lakehouse init --run ${flags.run}`,
      );
    const log = createLogger({ sink: io.stderr, clock: io.clock });
    const lakehouse = new RunLakehouse(await sharedSparkDriver(log), runDir);
    const print = (text: string, value: unknown) =>
      io.stdout.write(io.stdout.isTTY ? text : `${JSON.stringify(value)}\n`);
    try {
      switch (action.data) {
        case 'init': {
          const reports = await writeIcebergTables(lakehouse, lakehouseTableNames);
          print(render.renderTables(reports), reports);
          break;
        }
        case 'tables': {
          const reports = [];
          for (const table of lakehouseTableNames) {
            if (!existsSync(join(icebergTableDirectory(runDir, table), 'metadata'))) continue;
            const [latest] = (await snapshots(lakehouse, table)).slice(-1);
            reports.push({
              table,
              rows: latest?.totalRecords ?? 0,
              snapshotId: latest?.snapshotId ?? '',
              ...(await tableFiles(lakehouse, table)),
            });
          }
          print(render.renderTables(reports), reports);
          break;
        }
        case 'snapshots': {
          const rows = await snapshots(lakehouse, flags.table);
          print(render.renderSnapshots(flags.table, rows), rows);
          break;
        }
        case 'history': {
          const rows = await history(lakehouse, flags.table);
          print(render.renderHistory(flags.table, rows), rows);
          break;
        }
        case 'files': {
          const files = await tableFiles(lakehouse, flags.table);
          print(render.renderFiles(flags.table, files), files);
          break;
        }
        case 'travel': {
          const asOf =
            flags.version !== undefined ? { version: flags.version } : { timestamp: flags.timestamp ?? '' };
          const answer = await readAsOf(lakehouse, flags.table, asOf, flags.user);
          print(render.renderTimeTravel(answer), answer);
          break;
        }
        case 'incremental': {
          const report = await runIncrementalDay(lakehouse, manifest, flags.day ?? '', {
            changes: flags.changes,
          });
          print(render.renderIncremental(report), report);
          break;
        }
        case 'expire': {
          const report = await expireSnapshots(lakehouse, flags.table, {
            olderThan: flags.olderThan,
            retainLast: flags.retainLast,
            nowMs: io.clock.now(),
          });
          print(render.renderMaintenance(report), report);
          break;
        }
        case 'compact': {
          const report = await compactDataFiles(lakehouse, flags.table, {
            minInputFiles: flags.minInputFiles,
          });
          print(render.renderMaintenance(report), report);
          break;
        }
      }
    } finally {
      await closeSharedSparkDriver();
    }
    return 0;
  },
};
