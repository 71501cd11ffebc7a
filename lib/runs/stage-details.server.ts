import 'server-only';
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { StageRecord } from '@/pipeline/contracts/manifest';
import type { EventLog } from '@/pipeline/contracts/services';
import type { Sample, StageDetails } from './inspect-types';
import { readNdjsonSample } from './ndjson-sample.server';
import { groupRejects, rejectExamplesFromFiles, rejectExamplesFromTable } from './reject-examples.server';
import { stageSampleSources, type SampleSource } from './sample-sources';
import { readSparkStage } from './spark-stage.server';
import { stageCode } from './stage-code.server';
import { readParquetSample, readTableSample } from './table-sample.server';
import { readTopicSample } from './topic-sample.server';

export interface DetailsOptions {
  /**
   * Whether the run's working DuckDB file may be opened now. False while a job of the run is queued or running:
   * a reader's lock would make the child's read-write open fail.
   */
  tablesReadable: boolean;
  /** The run's event log, read through its services; a string says why it cannot be read (services down). */
  log: EventLog | string;
}

const busy = 'The run is busy; table samples appear when its job has finished.';

function sampleOf(runDir: string, source: SampleSource, options: DetailsOptions): Promise<Sample> {
  switch (source.kind) {
    case 'ndjson':
      return readNdjsonSample(runDir, source.path, { label: source.label });
    case 'ndjson-dir':
      return readNdjsonSample(runDir, source.path, { label: source.label, directory: true });
    case 'parquet':
      return readParquetSample(runDir, source.path, source.label);
    case 'topic':
      if (typeof options.log === 'string')
        return Promise.resolve({
          label: source.label,
          source: `topic ${source.topic}`,
          columns: [],
          rows: [],
          unavailable: options.log,
        });
      return readTopicSample(options.log, source.topic, source.label);
    case 'table': {
      const dbFile = path.join(runDir, 'work', 'etl.duckdb');
      if (!options.tablesReadable)
        return Promise.resolve({
          label: source.label,
          source: `work/etl.duckdb · ${source.table}`,
          columns: [],
          rows: [],
          unavailable: busy,
        });
      if (!existsSync(dbFile))
        return Promise.resolve({
          label: source.label,
          source: `work/etl.duckdb · ${source.table}`,
          columns: [],
          rows: [],
          unavailable: 'Not written yet: run the stage that creates it.',
        });
      return readTableSample(dbFile, source.table, source.label);
    }
  }
}

/** One unreadable sample (a file being replaced, a damaged segment) must not cost the drawer its other parts. */
function safeSample(runDir: string, source: SampleSource, options: DetailsOptions): Promise<Sample> {
  return sampleOf(runDir, source, options).catch((error: unknown) => ({
    label: source.label,
    source: 'path' in source ? source.path : source.kind === 'topic' ? `topic ${source.topic}` : source.table,
    columns: [],
    rows: [],
    unavailable: `Could not read it: ${(error instanceof Error ? error.message : String(error)).slice(0, 160)}`,
  }));
}

/**
 * Reject examples of the records this stage rejected (each stage owns its rejects: ingest the lines it could not
 * date-partition, validate the records its checks failed): from the quarantine table, else from the stage's files.
 */
async function rejectsOf(
  runDir: string,
  record: StageRecord,
  options: DetailsOptions,
): Promise<Pick<StageDetails, 'rejects' | 'rejectSource'>> {
  const wanted = Object.keys(record.rejectReasons);
  if (wanted.length === 0) return { rejects: [], rejectSource: null };
  const dbFile = path.join(runDir, 'work', 'etl.duckdb');
  if (record.name === 'validate' && options.tablesReadable && existsSync(dbFile)) {
    // A run written before the table had its stage column fails here and falls back to the files.
    const examples = await rejectExamplesFromTable(dbFile, 'validate').catch(() => null);
    if (examples)
      return {
        rejects: groupRejects(record.rejectReasons, examples),
        rejectSource: "work/etl.duckdb · quarantine WHERE stage = 'validate'",
      };
  }
  const folder = record.name === 'ingest' ? 'ingest' : 'validate';
  const examples = await rejectExamplesFromFiles(runDir, folder, wanted);
  return {
    rejects: groupRejects(record.rejectReasons, examples),
    rejectSource: `lake/quarantine/*/${folder}/`,
  };
}

/** Everything the stage drawer shows beyond the manifest: code, sample input and output rows, rejects with examples. */
export async function collectStageDetails(
  runDir: string,
  record: StageRecord,
  options: DetailsOptions,
): Promise<StageDetails> {
  const sources = stageSampleSources[record.name];
  // One at a time: each table sample opens the DuckDB file, and two opens in one process would contend for it.
  const inputs: Sample[] = [];
  for (const source of sources.inputs) inputs.push(await safeSample(runDir, source, options));
  const outputs: Sample[] = [];
  for (const source of sources.outputs) outputs.push(await safeSample(runDir, source, options));
  const [code, rejects, spark] = await Promise.all([
    stageCode(record.name),
    rejectsOf(runDir, record, options),
    readSparkStage(runDir, record.name),
  ]);
  return {
    stage: record.name,
    code,
    inputs,
    outputs,
    ...rejects,
    runBusy: !options.tablesReadable,
    ...spark,
  };
}
