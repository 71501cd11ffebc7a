import { join } from 'node:path';
import { PipelineError } from '../../../contracts/errors';
import { warehouseTables } from '../../../contracts/warehouse';
import type { RequestOptions, SparkDriver, SparkResult } from '../spark-driver';

/**
 * The run's Iceberg lakehouse: an Iceberg Hadoop catalog named `lake` whose warehouse is <runDir>/lake/iceberg, with
 * the curated tables in the namespace `curated` (lake.curated.dim_user is <runDir>/lake/iceberg/curated/dim_user/,
 * its metadata/ and data/ folders). The catalog is plain files beside the run's other lake folders, so a run's
 * lakehouse moves, copies and is deleted with the run (docs/decisions/012-iceberg-lakehouse.md).
 */
export const lakehouseNamespace = 'curated';

export const lakehouseTableNames: readonly string[] = warehouseTables.map((table) => table.name);

export function icebergWarehouse(runDir: string): string {
  return join(runDir, 'lake', 'iceberg');
}

/** The table's directory (its metadata/ and data/ folders) inside the run's warehouse. */
export function icebergTableDirectory(runDir: string, table: string): string {
  return join(icebergWarehouse(runDir), lakehouseNamespace, checkedTable(table));
}

/** A curated table's name, checked against the warehouse contract: only these names reach Spark. */
export function checkedTable(table: string): string {
  if (!lakehouseTableNames.includes(table)) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `"${table}" is not a curated table; the lakehouse has ${lakehouseTableNames.join(', ')}.`,
    );
  }
  return table;
}

/** `lake.curated.<table>`, the table's full name in Spark SQL. */
export function icebergName(table: string): string {
  return `lake.${lakehouseNamespace}.${checkedTable(table)}`;
}

/** Spark statements against one run's catalog: every request carries the run's warehouse. */
export class RunLakehouse {
  readonly warehouse: string;

  constructor(
    readonly driver: SparkDriver,
    readonly runDir: string,
  ) {
    this.warehouse = icebergWarehouse(runDir);
  }

  sql(sql: string, options: RequestOptions & { maxRows?: number } = {}): Promise<SparkResult> {
    return this.driver.sql(sql, { ...options, lake: this.warehouse });
  }

  /** Rows of a query expected to be small (metadata tables, counts). */
  async rows<T extends Record<string, unknown>>(sql: string, label: string, maxRows = 10_000): Promise<T[]> {
    const result = await this.sql(sql, { maxRows, label });
    return result.rows as T[];
  }
}
