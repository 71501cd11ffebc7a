import type { ComponentProps } from 'react';
import type { FormatStats, SampleFormatStats } from '@/lib/content/format-stats-types';
import type { MonitoringFigures } from '@/lib/content/monitoring-types';
import type { TableRows } from '@/lib/content/table-rows-types';
import { SqlCell } from '@/components/sql/sql-cell';
import { AlertRules } from './alert-rules';
import { Callout } from './callout';
import { CqlCell, type CqlCellTarget } from './cql-cell';
import { FileFormatComparison } from './file-format-comparison';
import { LessonTable } from './lesson-table';
import { PartitionExplorer } from './partition-explorer';
import { RunStage } from './run-stage';
import { SparkCell } from './spark-cell';
import { SparkEquivalent } from './spark-equivalent';
import { StarSchema } from './star-schema';

/** The live figures a lesson's widgets show, read on the server by the lesson page. */
export interface LessonLiveData {
  formatStats: FormatStats | null;
  sampleFormats: SampleFormatStats | null;
  tableRows: TableRows | null;
  monitoring: MonitoringFigures | null;
  /** The run the Cassandra cells read, or why there is none (absent: the page did not look). */
  cassandra?: CqlCellTarget | null;
}

const noCassandraTarget: CqlCellTarget = {
  reason:
    'The wide-column cells need a services-tier run: start the services (`npm run services -- up`), then run the ' +
    'pipeline on the services tier.',
};

/**
 * Every component a lesson may use (content/lessons/README.md documents their props), passed to the MDX
 * renderer. SqlCell is a light client shell: DuckDB-WASM and the results grid load on the first Run; SparkCell likewise
 * (its query runs on the server's Spark, its results view loads with the first answer). `table` is the element a
 * Markdown table compiles to.
 */
export function lessonComponents(live: LessonLiveData) {
  return {
    Callout,
    PartitionExplorer,
    RunStage,
    SparkCell,
    SparkEquivalent,
    SqlCell,
    table: LessonTable,
    StarSchema: (props: Omit<ComponentProps<typeof StarSchema>, 'tableRows'>) => (
      <StarSchema {...props} tableRows={live.tableRows} />
    ),
    FileFormatComparison: () => <FileFormatComparison run={live.formatStats} sample={live.sampleFormats} />,
    AlertRules: () => <AlertRules run={live.monitoring} />,
    CqlCell: (props: Omit<ComponentProps<typeof CqlCell>, 'target'>) => (
      <CqlCell {...props} target={live.cassandra ?? noCassandraTarget} />
    ),
  };
}
