import { errorResponse } from '@/lib/http/error-response';
import { sqlOf } from '@/lib/runs/run-details.server';
import { stepTargetSchema } from '@/lib/runs/run-request';
import { resumeRun, startStage } from '@/lib/runs/start-run.server';
import { isValidRunId } from '@/lib/runs/run-id';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string; stage: string }> };

/** POST /api/runs/{runId}/stages/{stage}: step mode or retry of one stage; the stage "resume" runs every unfinished one. */
export async function POST(_request: Request, context: Context): Promise<Response> {
  try {
    const { runId, stage } = await context.params;
    return Response.json(stage === 'resume' ? await resumeRun(runId) : await startStage(runId, stage), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /api/runs/{runId}/stages/{stage}: the stage's SQL files, read-only, for the drawer. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  const { runId, stage } = await context.params;
  const parsed = stepTargetSchema.safeParse(stage);
  if (!parsed.success || !isValidRunId(runId)) return Response.json({ error: { code: 'NOT_FOUND', message: 'Unknown run or stage.' } }, { status: 404 });
  return Response.json({ sql: sqlOf(parsed.data) }, { headers: { 'Cache-Control': 'no-store' } });
}
