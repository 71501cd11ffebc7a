import type { Metadata } from 'next';
import { ChallengeList } from '@/components/challenges/challenge-list';
import { PageHeader } from '@/components/ui/page-header';
import { challenges } from '@/content/challenges';

export const metadata: Metadata = { title: 'SQL challenges' };

export default function SqlChallengesPage() {
  const summaries = challenges.map(({ id, title, difficulty, topics }) => ({ id, title, difficulty, topics }));
  return (
    <>
      <PageHeader eyebrow="Interview" title="SQL challenges">
        <p>
          {challenges.length} interview-style problems graded in your browser on your own run and on two runs with other seeds.
          Row order and column names do not matter unless asked; a wrong answer is explained: missing rows, extra rows, wrong values, wrong order.
        </p>
      </PageHeader>
      <ChallengeList challenges={summaries} />
    </>
  );
}
