import type { StageDefinition } from '../contracts/stage';
import { stageNames } from '../contracts/stages';
import { aggregateStage } from './aggregate/stage';
import { dedupeStage } from './dedupe/stage';
import { exportStage } from './export/stage';
import { generateStage } from './generate/stage';
import { ingestStage } from './ingest/stage';
import { modelStage } from './model/stage';
import { produceStage } from './produce/stage';
import { qualityStage } from './quality/stage';
import { validateStage } from './validate/stage';

/** All nine stages in DAG order (the same order as pipeline/contracts/stages.ts). */
export const stageDefinitions: readonly StageDefinition[] = [
  generateStage,
  produceStage,
  ingestStage,
  validateStage,
  dedupeStage,
  modelStage,
  aggregateStage,
  exportStage,
  qualityStage,
];

if (stageDefinitions.some((stage, index) => stage.name !== stageNames[index])) {
  throw new Error(
    'pipeline/stages/index.ts lists the stages out of the DAG order of pipeline/contracts/stages.ts',
  );
}

export { stageSql } from './sql-files';
