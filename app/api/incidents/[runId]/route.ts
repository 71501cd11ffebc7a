import { errorResponse } from '@/lib/http/error-response';
import { roundStatus } from '@/lib/incidents/round.server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

/** GET /api/incidents/{runId}: whether the round's run and its hidden runs are ready to grade (never which incident). */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const { runId } = await context.params;
    return Response.json(await roundStatus(runId), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
