/**
 * How each curated table is laid out as an Iceberg table. Iceberg partitions by a transform of a column (hidden
 * partitioning): a query filtering on event_ts prunes day folders without a partition column in the SQL.
 *   - fact_events, fact_orders, fact_order_lines: one folder per day of their timestamp, the tables that grow by day.
 *   - dim_user: merge-on-read, so an incremental MERGE writes the new versions and a small delete file naming the
 *     closed rows' positions, instead of rewriting every file that holds a changed user (copy-on-write, the
 *     default); compaction later folds the deletes back into the data files.
 *   - the others: one unpartitioned table each (small dimensions, marts and reports).
 * Every table is format version 2 (row-level deletes) with zstd Parquet data files.
 */
export interface IcebergLayout {
  partitionedBy?: string;
  properties?: Record<string, string>;
}

const base: Record<string, string> = {
  'format-version': '2',
  'write.parquet.compression-codec': 'zstd',
};

const mergeOnRead: Record<string, string> = {
  'write.merge.mode': 'merge-on-read',
  'write.update.mode': 'merge-on-read',
  'write.delete.mode': 'merge-on-read',
};

const layouts: Record<string, IcebergLayout> = {
  fact_events: { partitionedBy: 'days(event_ts)' },
  fact_orders: { partitionedBy: 'days(order_ts)' },
  fact_order_lines: { partitionedBy: 'days(order_ts)' },
  dim_user: { properties: mergeOnRead },
};

export function icebergLayout(table: string): Required<IcebergLayout> {
  const layout = layouts[table] ?? {};
  return {
    partitionedBy: layout.partitionedBy ?? '',
    properties: { ...base, ...layout.properties },
  };
}

export function tableProperties(properties: Record<string, string>): string {
  return Object.entries(properties)
    .map(([key, value]) => `'${key}' = '${value}'`)
    .join(', ');
}
