import { z } from 'zod';
import { errorResponse } from '@/lib/http/error-response';
import { streamingStateForRun } from '@/lib/runs/inspect-run.server';
import { runIdPattern } from '@/lib/runs/run-id';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

const paramsSchema = z.object({ runId: z.string().regex(runIdPattern) });

/** GET /api/runs/{runId}/streaming: topics, offsets, consumer lag, speed-layer minutes and the serving view. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const params = paramsSchema.safeParse(await context.params);
    if (!params.success)
      return Response.json({ error: { code: 'NOT_FOUND', message: 'Unknown run.' } }, { status: 404 });
    return Response.json(await streamingStateForRun(params.data.runId), {
      headers: { 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
