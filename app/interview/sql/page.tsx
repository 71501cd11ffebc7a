import type { Metadata } from 'next';
import Link from 'next/link';
import { ChallengeList } from '@/components/challenges/challenge-list';
import { PageHeader } from '@/components/ui/page-header';
import { challenges, modellingChallenges } from '@/content/challenges';

export const metadata: Metadata = { title: 'SQL challenges' };

export default function SqlChallengesPage() {
  const summaries = [...challenges, ...modellingChallenges].map(({ id, title, difficulty, topics }) => ({
    id,
    title,
    difficulty,
    topics,
  }));
  return (
    <>
      <PageHeader eyebrow="Interview" title="SQL challenges">
        <p>
          {summaries.length} interview-style problems graded in your browser on your own run and on two runs
          with other seeds: queries, plans to read and beat, and tables to design for a business you have not
          seen. Row order and column names do not matter unless asked; a wrong answer is explained: missing
          rows, extra rows, wrong values, wrong order.
        </p>
        <p className="mt-2">
          <Link href="/interview/sql/screen" className="text-brand-600 underline">
            Take a timed screen
          </Link>
          : three challenges in 45 minutes, scored.
        </p>
      </PageHeader>
      <ChallengeList challenges={summaries} />
    </>
  );
}
