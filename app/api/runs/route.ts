import { warmChildReady } from '@/lib/runs/launcher.server';
import { listRuns } from '@/lib/runs/registry.server';
import { bodyTooLarge, readCapped } from '@/lib/http/api-guard';
import { errorResponse } from '@/lib/http/error-response';
import { parseRunRequest } from '@/lib/runs/run-request';
import { startRun } from '@/lib/runs/start-run.server';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs: every run under the runs root, newest first, plus directories whose manifest is broken, and
 * whether a run started now would begin in an already-loaded child (`launcher.warmChildReady`).
 */
export async function GET(): Promise<Response> {
  try {
    return Response.json(
      { ...(await listRuns()), launcher: { warmChildReady: warmChildReady() } },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/runs: validate the form's body (field-level errors on 400), queue the run, answer 202 with its id. */
export async function POST(request: Request): Promise<Response> {
  // proxy.ts has refused foreign origins, other media types and declared lengths over the cap; counting here too
  // keeps the handler safe on its own.
  const bytes = await readCapped(request.body);
  if (bytes === null) {
    const refusal = bodyTooLarge();
    return Response.json(
      { error: { code: refusal.code, message: refusal.message } },
      { status: refusal.status },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return Response.json(
      {
        error: { code: 'INVALID_ARGUMENT', message: 'The body must be JSON.' },
        fieldErrors: { form: 'The body must be JSON.' },
      },
      { status: 400 },
    );
  }
  const parsed = parseRunRequest(body);
  if (!parsed.ok) {
    return Response.json(
      {
        error: { code: 'INVALID_ARGUMENT', message: 'Some fields are not valid.' },
        fieldErrors: parsed.fieldErrors,
      },
      { status: 400 },
    );
  }
  try {
    return Response.json(await startRun(parsed.value), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
