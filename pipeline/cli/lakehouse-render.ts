import type { IncrementalReport } from '../engines/spark/lakehouse/iceberg-incremental';
import type { HistoryRow, SnapshotRow, TableFiles } from '../engines/spark/lakehouse/iceberg-inspect';
import type { MaintenanceReport } from '../engines/spark/lakehouse/iceberg-maintenance';
import type { IcebergTableReport } from '../engines/spark/lakehouse/iceberg-tables';
import type { TimeTravelAnswer } from '../engines/spark/lakehouse/iceberg-time-travel';

/** The lakehouse command's answers as text for a terminal (elsewhere it prints one JSON line). */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function renderFiles(table: string, files: TableFiles): string {
  return (
    `${table}: the current snapshot reads ${files.dataFiles} data file(s) + ${files.deleteFiles} delete file(s), ${kb(files.currentBytes)}; ` +
    `on disk ${files.filesOnDisk} data/delete file(s), ${kb(files.bytesOnDisk)}; ${files.metadataFiles} metadata file(s)\n`
  );
}

export function renderTables(reports: readonly IcebergTableReport[]): string {
  return reports
    .map(
      (report) =>
        `lake.curated.${report.table.padEnd(22)} ${String(report.rows).padStart(9)} rows  ${String(report.dataFiles).padStart(3)} files  ${kb(report.currentBytes).padStart(11)}  snapshot ${report.snapshotId}\n`,
    )
    .join('');
}

export function renderSnapshots(table: string, rows: readonly SnapshotRow[]): string {
  const lines = rows.map(
    (row) =>
      `${row.snapshotId.padEnd(20)} ${row.committedAt.padEnd(24)} ${row.operation.padEnd(10)} ` +
      `+${row.addedRecords} rows / -${row.deletedRecords}, total ${row.totalRecords} rows in ${row.totalDataFiles} data + ${row.totalDeleteFiles} delete files`,
  );
  return `${table}: ${rows.length} snapshot(s)\n${lines.join('\n')}\n`;
}

export function renderHistory(table: string, rows: readonly HistoryRow[]): string {
  return `${table}: history\n${rows
    .map(
      (row) =>
        `${row.madeCurrentAt.padEnd(24)} ${row.snapshotId.padEnd(20)} parent ${row.parentId ?? '-'}${row.isCurrentAncestor ? '' : '  (rolled back / not an ancestor)'}`,
    )
    .join('\n')}\n`;
}

export function renderTimeTravel(answer: TimeTravelAnswer): string {
  const users = answer.userRows.map((row) => `  ${JSON.stringify(row)}`).join('\n');
  return `${answer.sql}\n  ${answer.rows} rows${answer.currentRows === null ? '' : `, ${answer.currentRows} current`}\n${users ? `${users}\n` : ''}`;
}

export function renderIncremental(report: IncrementalReport): string {
  return (
    `incremental ${report.day}: ${report.changedUsers} users changed (${report.changes.tier} tier, ${report.changes.move} move, ${report.changes.opt} opt-in), raw file ${report.rawFile}\n` +
    `MERGE INTO lake.curated.dim_user: ${report.rowsBefore} → ${report.rowsAfter} rows; snapshot ${report.snapshotBefore} → ${report.snapshot.snapshotId} (${report.snapshot.operation}) in ${report.durationMs} ms\n` +
    `  before: ${renderFiles('dim_user', report.filesBefore)}  after:  ${renderFiles('dim_user', report.filesAfter)}` +
    `follow user ${report.example.userId} (${report.example.kind}, version ${report.example.fromVersion} → ${report.example.toVersion}):\n` +
    `  npm run pipeline -- lakehouse travel --run … --version ${report.snapshotBefore} --user ${report.example.userId}\n`
  );
}

export function renderMaintenance(report: MaintenanceReport): string {
  return (
    `${report.procedure} on lake.curated.${report.table} (${report.durationMs} ms): ${JSON.stringify(report.result)}\n` +
    `  snapshots ${report.snapshotsBefore} → ${report.snapshotsAfter}\n` +
    `  before: ${renderFiles(report.table, report.before)}  after:  ${renderFiles(report.table, report.after)}`
  );
}
