import { errorResponse } from '@/lib/http/error-response';
import { deleteRun } from '@/lib/runs/launcher.server';
import { readManifest } from '@/lib/runs/registry.server';
import { runDetails } from '@/lib/runs/run-details.server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

/** GET /api/runs/{runId}: the manifest, whether a job is running, and the output files with their sizes. */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const { runId } = await context.params;
    return Response.json(await runDetails(runId), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/runs/{runId}: stop its process if any, remove its directory and run store. */
export async function DELETE(_request: Request, context: Context): Promise<Response> {
  try {
    const { runId } = await context.params;
    await readManifest(runId).catch(() => undefined);
    await deleteRun(runId);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
