import { PipelineError } from '@/pipeline/contracts/errors';
import { readManifest } from '@/lib/runs/registry.server';
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
    // An incident round's ledger is its answer: withheld (the page grades against it on the server).
    if (path.join('/') === 'ground-truth.json' && (await readManifest(runId)).config.incident)
      throw new PipelineError(
        'NOT_FOUND',
        'An incident round’s ground-truth.json is not served: it is the answer.',
      );
    return await runFileResponse(request, runId, path);
  } catch (error) {
    return errorResponse(error);
  }
}

export const GET = handle;
export const HEAD = handle;
