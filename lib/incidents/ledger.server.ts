import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import { groundTruthSchema } from '@/pipeline/contracts/faults';
import { incidentKinds, type IncidentType } from '@/pipeline/contracts/incidents';

/** The ids of the records the incident hit, from the run's ground-truth.json (the generator's ledger). */
export async function ledgerIds(runDir: string, incident: IncidentType): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path.join(runDir, 'ground-truth.json'), 'utf8');
  } catch (cause) {
    throw new PipelineError(
      'NOT_FOUND',
      'The run has no ground-truth.json: its generate stage did not finish.',
      {
        cause,
      },
    );
  }
  const ledger = groundTruthSchema.parse(JSON.parse(text));
  const kinds: readonly string[] = incidentKinds[incident];
  return new Set(ledger.faults.filter((fault) => kinds.includes(fault.kind)).map((fault) => fault.recordId));
}
