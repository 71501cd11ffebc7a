import { httpStatusByCode, isPipelineError } from '@/pipeline/contracts/errors';

/** Map a thrown error to a JSON answer: PipelineError codes to their status, anything else to a 500 without internals. */
export function errorResponse(error: unknown): Response {
  if (isPipelineError(error)) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: httpStatusByCode[error.code] });
  }
  console.error(error);
  return Response.json({ error: { code: 'INTERNAL', message: 'Internal error: see the server log.' } }, { status: 500 });
}
