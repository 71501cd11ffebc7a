import type { Manifest, StageRecord } from '../contracts/manifest';
import {
  duplicatesRemoved,
  entityReconciliation,
  quarantineFigures,
  type EntityReconciliation,
  type QuarantineFigures,
} from '../contracts/run-figures';

/**
 * The end-of-run summary a learner reads: per stage what came in, went out and was rejected, how long it took;
 * per entity the reconciliation; rejects by reason; and where the outputs are.
 */
const number = new Intl.NumberFormat('en-US');

/** A plain-text table: the first column (and any listed in `left`) left-aligned, numbers right-aligned. */
function table(headers: string[], rows: string[][], left: number[] = [0]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        left.includes(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)]
    .map((text) => `  ${text}`)
    .join('\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function stage(manifest: Manifest, name: StageRecord['name']): StageRecord | undefined {
  return manifest.stages.find((record) => record.name === name);
}

export interface RunSummary {
  runId: string;
  status: Manifest['status'];
  runDir: string;
  stages: Array<
    Pick<
      StageRecord,
      'name' | 'status' | 'inputRows' | 'outputRows' | 'rejectedRows' | 'durationMs' | 'attempts'
    > & { duplicatesRemoved: number | null }
  >;
  reconciliation: EntityReconciliation[] | null;
  quarantine: QuarantineFigures;
  /** One message per stage and reason code, e.g. 'events: field "user_id": no accepted user has id …'. */
  rejectExamples: Record<string, string>;
  recall: number | null;
  precision: number | null;
  outputs: Record<string, string>;
}

const exampleKey = (stage: string, reason: string) => `${stage}:${reason}`;

export function summarize(manifest: Manifest, runDir: string): RunSummary {
  const examples: Record<string, string> = {};
  for (const record of manifest.stages) {
    const own = record.metrics.rejectExamples;
    if (record.status !== 'succeeded' || typeof own !== 'object' || own === null) continue;
    for (const [reason, text] of Object.entries(own))
      if (typeof text === 'string') examples[exampleKey(record.name, reason)] = text;
  }
  const quality = stage(manifest, 'quality');
  const qualityDone = quality?.status === 'succeeded';
  return {
    runId: manifest.runId,
    status: manifest.status,
    runDir,
    stages: manifest.stages.map(
      ({ name, status, inputRows, outputRows, rejectedRows, durationMs, attempts }, index) => ({
        name,
        status,
        inputRows,
        outputRows,
        rejectedRows,
        durationMs,
        attempts,
        duplicatesRemoved: name === 'dedupe' ? duplicatesRemoved(manifest.stages[index]) : null,
      }),
    ),
    reconciliation: entityReconciliation(manifest),
    quarantine: quarantineFigures(manifest),
    rejectExamples: examples,
    recall: qualityDone ? ((quality.metrics.recall as number | null | undefined) ?? null) : null,
    precision: qualityDone ? ((quality.metrics.precision as number | null | undefined) ?? null) : null,
    outputs: {
      manifest: `${runDir}/manifest.json`,
      warehouse: `${runDir}/warehouse.duckdb`,
      parquet: `${runDir}/lake/curated/`,
      quarantine: `${runDir}/lake/quarantine/`,
      qualityReport: `${runDir}/quality/report.json`,
    },
  };
}

export function renderSummary(summary: RunSummary): string {
  const parts: string[] = [];
  parts.push(`\nRun ${summary.runId}: ${summary.status.toUpperCase()}\n`);
  parts.push(
    table(
      ['stage', 'status', 'in', 'out', 'rejected', 'time'],
      summary.stages.map((record) => [
        record.name,
        record.attempts > 1 ? `${record.status} (${record.attempts} tries)` : record.status,
        number.format(record.inputRows),
        number.format(record.outputRows),
        record.duplicatesRemoved === null
          ? number.format(record.rejectedRows)
          : `removed as duplicates: ${number.format(record.duplicatesRemoved)}`,
        record.status === 'pending' ? '' : seconds(record.durationMs),
      ]),
    ),
  );
  const total = summary.stages.reduce((sum, record) => sum + record.durationMs, 0);
  parts.push(`  total ${seconds(total)}\n`);
  if (summary.reconciliation) {
    parts.push(
      'Reconciliation: generated = dead-lettered + landed; landed = quarantined + duplicates removed + accepted',
    );
    parts.push(
      table(
        ['entity', 'generated', 'dead-lettered', 'landed', 'quarantined', 'duplicates', 'accepted', 'holds'],
        summary.reconciliation.map((entity) => [
          entity.entity,
          entity.generated === null ? '—' : number.format(entity.generated),
          number.format(entity.deadLettered),
          number.format(entity.landed),
          number.format(entity.quarantined),
          number.format(entity.duplicatesRemoved),
          number.format(entity.accepted),
          entity.holds ? 'yes' : 'NO',
        ]),
      ) + '\n',
    );
  }
  const { quarantine } = summary;
  if (quarantine.total > 0) {
    const stages = Object.entries(quarantine.byStage).map(
      ([name, records]) => `${name} ${number.format(records)}`,
    );
    parts.push(
      `Quarantined records: ${number.format(quarantine.total)} (${stages.join(', ')}), each once, under the reason of the stage that rejected it (the quarantine table and lake/quarantine/):`,
    );
    const example = (stage: string, code: string) => {
      const text = summary.rejectExamples[exampleKey(stage, code)] ?? '';
      return text.length > 90 ? `${text.slice(0, 89)}…` : text;
    };
    parts.push(
      table(
        ['reason', 'records', 'stage', 'for example'],
        quarantine.rows.map((row) => [
          row.reason,
          number.format(row.records),
          row.stage,
          example(row.stage, row.reason),
        ]),
        [0, 2, 3],
      ) + '\n',
    );
  }
  if (summary.recall !== null || summary.precision !== null) {
    const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)} %`);
    parts.push(
      `Checks against the injected faults: recall ${percent(summary.recall)}, precision ${percent(summary.precision)} (details in quality/report.json)\n`,
    );
  }
  parts.push('Outputs:');
  parts.push(`  warehouse for the playground  ${summary.outputs.warehouse}`);
  parts.push(`  Parquet per table            ${summary.outputs.parquet}`);
  parts.push(`  quarantined records          ${summary.outputs.quarantine}`);
  parts.push(`  quality report               ${summary.outputs.qualityReport}`);
  parts.push(`  manifest (counts, checksums) ${summary.outputs.manifest}\n`);
  return `${parts.join('\n')}\n`;
}
