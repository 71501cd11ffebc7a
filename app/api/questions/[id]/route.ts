import { loadQuestions } from '@/lib/content/questions.server';
import { errorResponse } from '@/lib/http/error-response';
import { fillEvidence } from '@/lib/interview/evidence';
import { latestEvidence } from '@/lib/interview/latest-evidence.server';
import type { ModelAnswer } from '@/lib/interview/model-answer';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/questions/{id}: one question's model answers with the learner's figures. Fetched when a mock interview
 * question is answered, so the mock page does not carry every answer of the bank.
 */
export async function GET(_request: Request, context: Context): Promise<Response> {
  try {
    const { id } = await context.params;
    const question = (await loadQuestions()).find((entry) => entry.id === id);
    if (!question)
      return Response.json(
        { error: { code: 'NOT_FOUND', message: `No interview question "${id.slice(0, 80)}".` } },
        { status: 404 },
      );
    const latest = await latestEvidence();
    const fill = (markdown: string) => fillEvidence(markdown, latest?.evidence ?? null);
    const body: ModelAnswer = {
      shortAnswer: fill(question.shortAnswer),
      deepAnswer: fill(question.deepAnswer),
      commonMistakes: question.commonMistakes,
      runId: latest?.runId ?? null,
    };
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
