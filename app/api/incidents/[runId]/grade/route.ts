import { isPipelineError, PipelineError } from '@/pipeline/contracts/errors';
import { isValidRunId } from '@/lib/runs/run-id';
import { errorResponse, withoutServerPaths } from '@/lib/http/error-response';
import { fieldErrorResponse, readJsonBody } from '@/lib/incidents/json-body.server';
import { parseGradeRequest } from '@/lib/incidents/round-request';
import { gradeRound } from '@/lib/incidents/round.server';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ runId: string }> };

/**
 * POST /api/incidents/{runId}/grade: runs the learner's check read-only on their run and the two hidden runs and
 * scores it against each ledger, with the root cause. A check that does not parse, is not a SELECT, reads files or
 * fails is a 400 whose fieldErrors.check says why.
 */
export async function POST(request: Request, context: Context): Promise<Response> {
  const read = await readJsonBody(request);
  if ('refusal' in read) return read.refusal;
  const parsed = parseGradeRequest(read.body);
  if (!parsed.ok) return fieldErrorResponse(parsed.fieldErrors);
  const { runId } = await context.params;
  if (!isValidRunId(runId))
    return errorResponse(new PipelineError('INVALID_ARGUMENT', 'Not a valid run id.'));
  try {
    return Response.json(await gradeRound(runId, parsed.value), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (isPipelineError(error) && error.code === 'INVALID_ARGUMENT')
      return fieldErrorResponse({ check: withoutServerPaths(error.message) });
    return errorResponse(error);
  }
}
