import { errorResponse } from '@/lib/http/error-response';
import { fieldErrorResponse, readJsonBody } from '@/lib/incidents/json-body.server';
import { parseStartRequest } from '@/lib/incidents/round-request';
import { startRound } from '@/lib/incidents/round.server';

export const dynamic = 'force-dynamic';

/**
 * POST /api/incidents: starts an incident round, a fresh 20,000-event embedded run with one incident's faults
 * (drawn at random unless the body names one), up to export; answers 202 with the run id. proxy.ts has already
 * refused foreign origins, other media types and bodies over 16 KiB.
 */
export async function POST(request: Request): Promise<Response> {
  const read = await readJsonBody(request);
  if ('refusal' in read) return read.refusal;
  const parsed = parseStartRequest(read.body);
  if (!parsed.ok) return fieldErrorResponse(parsed.fieldErrors);
  try {
    return Response.json(await startRound(parsed.value.incident), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
