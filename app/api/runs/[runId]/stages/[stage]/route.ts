import { z } from 'zod';
import { errorResponse } from '@/lib/http/error-response';
import { stageDetailsForRun } from '@/lib/runs/inspect-run.server';
import { stepTargetSchema } from '@/lib/runs/step-target';
import { resumeRun, startStage } from '@/lib/runs/start-run.server';
import { runIdPattern } from '@/lib/runs/run-id';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string; stage: string }> };

/** POST /api/runs/{runId}/stages/{stage}: step mode or retry of one stage; the stage "resume" runs every unfinished one. */
export async function POST(_request: Request, context: Context): Promise<Response> {
  try {
    const { runId, stage } = await context.params;
    return Response.json(stage === 'resume' ? await resumeRun(runId) : await startStage(runId, stage), {
      status: 202,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

const detailsParams = z.object({ runId: z.string().regex(runIdPattern), stage: stepTargetSchema });

/** GET /api/runs/{runId}/stages/{stage}: for the drawer, the stage's code, sample input/output rows, rejects with examples. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const params = detailsParams.safeParse(await context.params);
    if (!params.success)
      return Response.json(
        { error: { code: 'NOT_FOUND', message: 'Unknown run or stage.' } },
        { status: 404 },
      );
    return Response.json(await stageDetailsForRun(params.data.runId, params.data.stage), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
