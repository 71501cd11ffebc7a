import 'server-only';
import { bodyTooLarge, readCapped } from '@/lib/http/api-guard';

/** A state-changing route's JSON body, read under the same cap as proxy.ts applies; a Response when it is refused. */
export async function readJsonBody(request: Request): Promise<{ body: unknown } | { refusal: Response }> {
  const bytes = await readCapped(request.body);
  if (bytes === null) {
    const refusal = bodyTooLarge();
    return {
      refusal: Response.json(
        { error: { code: refusal.code, message: refusal.message } },
        { status: refusal.status },
      ),
    };
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === '') return { body: {} };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return {
      refusal: Response.json(
        {
          error: { code: 'INVALID_ARGUMENT', message: 'The body must be JSON.' },
          fieldErrors: { form: 'The body must be JSON.' },
        },
        { status: 400 },
      ),
    };
  }
}

export function fieldErrorResponse(fieldErrors: Record<string, string | undefined>): Response {
  const first = Object.values(fieldErrors).find((message) => message !== undefined) ?? 'Invalid request.';
  return Response.json({ error: { code: 'INVALID_ARGUMENT', message: first }, fieldErrors }, { status: 400 });
}
