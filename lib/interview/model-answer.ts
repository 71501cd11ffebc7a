/** What the mock interview shows once a question is answered (GET /api/questions/{id}), filled from the newest run. */
export interface ModelAnswer {
  shortAnswer: string;
  deepAnswer: string;
  commonMistakes: string[];
  /** The run whose figures fill the answer, or null before the first run. */
  runId: string | null;
}

/** Checks the route's JSON before the page uses it; a plain check keeps zod out of the mock page's bundle. */
export function parseModelAnswer(value: unknown): ModelAnswer {
  const body = value as Partial<Record<keyof ModelAnswer, unknown>> | null;
  const fine =
    typeof body === 'object' &&
    body !== null &&
    typeof body.shortAnswer === 'string' &&
    typeof body.deepAnswer === 'string' &&
    Array.isArray(body.commonMistakes) &&
    body.commonMistakes.every((entry) => typeof entry === 'string') &&
    (body.runId === null || typeof body.runId === 'string');
  if (!fine) throw new Error('The model answer came back in an unexpected shape: reload the page.');
  return body as ModelAnswer;
}
