import { errorResponse } from '@/lib/http/error-response';
import { tierStatus } from '@/lib/runs/tier-status.server';

export const dynamic = 'force-dynamic';

/**
 * GET /api/services[?fresh=1]: the console's default tier (PIPELINE_TIER) and whether the services tier's systems
 * answer, with the doctor's one-line reason when they do not. `fresh` skips the few seconds' cache.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const fresh = new URL(request.url).searchParams.get('fresh') === '1';
    return Response.json(await tierStatus({ fresh }), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
