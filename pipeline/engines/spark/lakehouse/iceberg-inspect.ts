import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { icebergName, icebergTableDirectory, type RunLakehouse } from './iceberg-catalog';

/**
 * What a learner looks at in an Iceberg table: its snapshots, its history and its files. Snapshot ids are 64-bit and
 * travel as text (a JSON number loses digits past 2^53 in JavaScript).
 */
export interface TableFiles {
  /** Data files the current snapshot reads (the `files` metadata table). */
  dataFiles: number;
  /** Delete files (merge-on-read row deletes) the current snapshot reads. */
  deleteFiles: number;
  /** Bytes of those data and delete files. */
  currentBytes: number;
  /** Parquet files in the table's data/ folder, read or not (older snapshots keep theirs until expired). */
  filesOnDisk: number;
  bytesOnDisk: number;
  /** Files in metadata/ (table metadata JSON, manifest lists, manifests). */
  metadataFiles: number;
}

export interface SnapshotRow {
  snapshotId: string;
  parentId: string | null;
  committedAt: string;
  operation: string;
  addedRecords: number;
  deletedRecords: number;
  totalRecords: number;
  addedDataFiles: number;
  totalDataFiles: number;
  totalDeleteFiles: number;
}

export interface HistoryRow {
  madeCurrentAt: string;
  snapshotId: string;
  parentId: string | null;
  isCurrentAncestor: boolean;
}

async function walk(directory: string): Promise<{ files: number; bytes: number }> {
  if (!existsSync(directory)) return { files: 0, bytes: 0 };
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

export async function tableFiles(lakehouse: RunLakehouse, table: string): Promise<TableFiles> {
  const [current] = await lakehouse.rows<{ data_files: number; delete_files: number; bytes: number | null }>(
    `SELECT count_if(content = 0) AS data_files, count_if(content <> 0) AS delete_files,
            sum(file_size_in_bytes) AS bytes
     FROM ${icebergName(table)}.files`,
    `reading the files of ${icebergName(table)}`,
  );
  const directory = icebergTableDirectory(lakehouse.runDir, table);
  const data = await walk(join(directory, 'data'));
  const metadata = await walk(join(directory, 'metadata'));
  return {
    dataFiles: Number(current?.data_files ?? 0),
    deleteFiles: Number(current?.delete_files ?? 0),
    currentBytes: Number(current?.bytes ?? 0),
    filesOnDisk: data.files,
    bytesOnDisk: data.bytes,
    metadataFiles: metadata.files,
  };
}

const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export async function snapshots(lakehouse: RunLakehouse, table: string): Promise<SnapshotRow[]> {
  const rows = await lakehouse.rows<Record<string, unknown>>(
    `SELECT CAST(snapshot_id AS STRING) AS snapshot_id, CAST(parent_id AS STRING) AS parent_id,
            CAST(committed_at AS STRING) AS committed_at, operation,
            summary['added-records'] AS added_records, summary['deleted-records'] AS deleted_records,
            summary['total-records'] AS total_records, summary['added-data-files'] AS added_data_files,
            summary['total-data-files'] AS total_data_files, summary['total-delete-files'] AS total_delete_files
     FROM ${icebergName(table)}.snapshots ORDER BY committed_at, snapshot_id`,
    `reading the snapshots of ${icebergName(table)}`,
  );
  return rows.map((row) => ({
    snapshotId: String(row.snapshot_id),
    parentId: row.parent_id === null ? null : String(row.parent_id),
    committedAt: String(row.committed_at),
    operation: String(row.operation),
    addedRecords: count(row.added_records),
    deletedRecords: count(row.deleted_records),
    totalRecords: count(row.total_records),
    addedDataFiles: count(row.added_data_files),
    totalDataFiles: count(row.total_data_files),
    totalDeleteFiles: count(row.total_delete_files),
  }));
}

export async function history(lakehouse: RunLakehouse, table: string): Promise<HistoryRow[]> {
  const rows = await lakehouse.rows<Record<string, unknown>>(
    `SELECT CAST(made_current_at AS STRING) AS made_current_at, CAST(snapshot_id AS STRING) AS snapshot_id,
            CAST(parent_id AS STRING) AS parent_id, is_current_ancestor
     FROM ${icebergName(table)}.history ORDER BY made_current_at, snapshot_id`,
    `reading the history of ${icebergName(table)}`,
  );
  return rows.map((row) => ({
    madeCurrentAt: String(row.made_current_at),
    snapshotId: String(row.snapshot_id),
    parentId: row.parent_id === null ? null : String(row.parent_id),
    isCurrentAncestor: row.is_current_ancestor === true,
  }));
}
