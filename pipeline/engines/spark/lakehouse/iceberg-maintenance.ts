import { PipelineError } from '../../../contracts/errors';
import { checkedTable, icebergName, lakehouseNamespace, type RunLakehouse } from './iceberg-catalog';
import { snapshots, tableFiles, type TableFiles } from './iceberg-inspect';

/**
 * Table maintenance through Iceberg's Spark procedures, each measured before and after:
 *   expire_snapshots   forgets snapshots older than a time (keeping at least retain_last) and deletes the data and
 *                      manifest files that no kept snapshot reads: time travel to them ends, the bytes are freed.
 *   rewrite_data_files compacts: bin-packs small files into files near the target size (512 MB by default), applying
 *                      merge-on-read deletes as it goes; a new snapshot reads the new files, the old ones stay on disk
 *                      for time travel until an expire removes them.
 */
export interface MaintenanceReport {
  table: string;
  procedure: 'expire_snapshots' | 'rewrite_data_files';
  /** The procedure's own answer (counts of files deleted, rewritten, added …). */
  result: Record<string, unknown>;
  snapshotsBefore: number;
  snapshotsAfter: number;
  before: TableFiles;
  after: TableFiles;
  durationMs: number;
}

async function measured(
  lakehouse: RunLakehouse,
  table: string,
  procedure: MaintenanceReport['procedure'],
  call: string,
): Promise<MaintenanceReport> {
  const started = performance.now();
  const snapshotsBefore = (await snapshots(lakehouse, table)).length;
  const before = await tableFiles(lakehouse, table);
  const answer = await lakehouse.sql(call, {
    maxRows: 1,
    label: `running ${procedure} on ${icebergName(table)}`,
  });
  return {
    table,
    procedure,
    result: answer.rows[0] ?? {},
    snapshotsBefore,
    snapshotsAfter: (await snapshots(lakehouse, table)).length,
    before,
    after: await tableFiles(lakehouse, table),
    durationMs: Math.round(performance.now() - started),
  };
}

/** `olderThan` as a UTC timestamp 'YYYY-MM-DD HH:MM:SS', or 'now' (the clock's time, `nowMs`). */
export function expireSnapshots(
  lakehouse: RunLakehouse,
  table: string,
  options: { olderThan: string; retainLast: number; nowMs: number },
): Promise<MaintenanceReport> {
  const olderThan =
    options.olderThan === 'now'
      ? new Date(options.nowMs).toISOString().replace('T', ' ').slice(0, 23)
      : options.olderThan;
  if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/.test(olderThan))
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `--older-than must be "now" or a UTC time YYYY-MM-DD[ HH:MM[:SS]] (got "${olderThan}")`,
    );
  if (!Number.isInteger(options.retainLast) || options.retainLast < 1)
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `--retain-last must be a whole number of at least 1 (got ${options.retainLast})`,
    );
  return measured(
    lakehouse,
    table,
    'expire_snapshots',
    `CALL lake.system.expire_snapshots(table => '${lakehouseNamespace}.${checkedTable(table)}',
       older_than => TIMESTAMP '${olderThan}', retain_last => ${options.retainLast})`,
  );
}

/**
 * Bin-pack compaction. Iceberg rewrites a partition's files only when there are at least `min-input-files` (5 by
 * default) small ones; the learner's tables are small, so the default here is 2.
 */
export function compactDataFiles(
  lakehouse: RunLakehouse,
  table: string,
  options: { minInputFiles: number },
): Promise<MaintenanceReport> {
  if (!Number.isInteger(options.minInputFiles) || options.minInputFiles < 1)
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `--min-input-files must be a whole number of at least 1 (got ${options.minInputFiles})`,
    );
  return measured(
    lakehouse,
    table,
    'rewrite_data_files',
    `CALL lake.system.rewrite_data_files(table => '${lakehouseNamespace}.${checkedTable(table)}',
       options => map('min-input-files', '${options.minInputFiles}', 'remove-dangling-deletes', 'true'))`,
  );
}
