import Link from 'next/link';
import { adviseOn, weakScore } from '@/lib/interview/mock-advice';
import type { MockState, MockSummary } from '@/lib/interview/mock-session';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
const linkClass = 'text-brand-600 underline dark:text-brand-100';

interface Props {
  state: MockState;
  summary: MockSummary;
  lessonTitles: Record<string, string>;
  challengeTitles: Record<string, string>;
}

/** The end of a mock interview: the score, and for each question asked what to do next, from that question alone. */
export function MockSummaryView({ state, summary, lessonTitles, challengeTitles }: Props) {
  const lesson = (slug: string) => (
    <Link key={slug} href={`/learn/${slug}`} className={linkClass}>
      {lessonTitles[slug] ?? slug}
    </Link>
  );
  return (
    <>
      <p data-testid="mock-score">
        You covered {Math.round(summary.score * 100)}% of the rubric points over {summary.questions} questions
        ({summary.answered} answered, {summary.skipped} skipped, {summary.timedOut} out of time) in{' '}
        {clock(summary.durationSeconds)}.
      </p>
      <ol className="list-decimal space-y-3 pl-5 text-sm" aria-label="Questions asked">
        {summary.perQuestion.map((entry) => {
          const question = state.questions.find((candidate) => candidate.id === entry.questionId)!;
          const advice = adviseOn(question, entry.score);
          return (
            <li
              key={entry.questionId}
              data-testid={`mock-advice-${entry.questionId}`}
              data-kind={advice.kind}
            >
              <Link href={`/interview/questions/${entry.questionId}`} className={linkClass}>
                {question.question}
              </Link>{' '}
              — {Math.round(entry.score * 100)}%
              <p className="text-slate-600 dark:text-slate-300">
                {advice.kind === 'fine' ? 'Well covered.' : null}
                {advice.kind === 'story'
                  ? 'Re-read the model answer for its structure: the situation, what you did, what changed, what you learnt.'
                  : null}
                {advice.kind === 'challenge' && advice.challenge ? (
                  <>
                    Practise it in SQL:{' '}
                    <Link href={`/interview/sql/${advice.challenge}`} className={linkClass}>
                      {challengeTitles[advice.challenge] ?? advice.challenge}
                    </Link>
                    {advice.lessons.length > 0 ? '; read ' : ''}
                    {advice.lessons.map((slug, index) => [index > 0 ? ', ' : '', lesson(slug)])}.
                  </>
                ) : null}
                {advice.kind === 'lessons' ? (
                  <>Read {advice.lessons.map((slug, index) => [index > 0 ? ', ' : '', lesson(slug)])}.</>
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
      <div>
        <h3 className="font-semibold">Weak topics</h3>
        <p className="text-sm">
          {summary.weakTopics.length === 0
            ? 'None below 60%.'
            : summary.weakTopics
                .map((topic) => `${topic.topic} (${Math.round(topic.score * 100)}%)`)
                .join(', ')}
        </p>
      </div>
      <div>
        <h3 className="font-semibold">Lessons to revisit</h3>
        <ul className="list-disc pl-5 text-sm" aria-label="Lessons to revisit">
          {summary.lessonsToRevisit.map((slug) => (
            <li key={slug}>{lesson(slug)}</li>
          ))}
          {summary.lessonsToRevisit.length === 0 ? (
            <li>
              {summary.perQuestion.some((entry) => entry.score < weakScore)
                ? 'None: what you missed is practised in SQL or is about how you tell a story (see above).'
                : 'Nothing: well done.'}
            </li>
          ) : null}
        </ul>
      </div>
    </>
  );
}
