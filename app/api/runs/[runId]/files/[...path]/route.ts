import { runFileResponse } from '@/lib/runs/run-files.server';
import { errorResponse } from '@/lib/http/error-response';

export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ runId: string; path: string[] }>;
}

/** GET /api/runs/{runId}/files/{...path}: a run's exported files, with byte ranges; nothing outside the run. */
async function handle(request: Request, context: Context): Promise<Response> {
  try {
    const { runId, path } = await context.params;
    return await runFileResponse(request, runId, path);
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = handle;
export const HEAD = handle;
