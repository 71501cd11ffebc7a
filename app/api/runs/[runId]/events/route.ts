import { errorResponse } from '@/lib/http/error-response';
import { sseResponse } from '@/lib/runs/sse.server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

/** GET /api/runs/{runId}/events: Server-Sent Events; Last-Event-ID (header or ?lastEventId) replays what was missed. */
export async function GET(request: Request, context: Context): Promise<Response> {
  try {
    const { runId } = await context.params;
    return await sseResponse(request, runId);
  } catch (error) {
    return errorResponse(error);
  }
}
