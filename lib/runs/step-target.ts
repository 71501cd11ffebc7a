import { z } from 'zod';
import { stageNames } from '@/pipeline/contracts/stages';

/** A stage a learner may run on its own in step mode (POST /api/runs/{runId}/stages/{stage}). */
export const stepTargetSchema = z.enum(stageNames);
