import type { Metadata } from 'next';
import { RedrillQueue } from '@/components/challenges/redrill-queue';
import { ReviewQueue } from '@/components/interview/review-queue';
import { PageHeader } from '@/components/ui/page-header';
import { challenges } from '@/content/challenges';
import { latestEvidence } from '@/lib/interview/latest-evidence.server';
import { reviewItems } from '@/lib/interview/review-items.server';

export const metadata: Metadata = { title: 'Review' };
// The cards quote the learner's newest run, which changes after the build.
export const dynamic = 'force-dynamic';

export default async function ReviewPage() {
  const latest = await latestEvidence();
  const items = await reviewItems(latest?.evidence ?? null);
  return (
    <>
      <PageHeader eyebrow="Practise" title="Daily review">
        <p>
          Recall the answer, reveal it, then say how well you remembered. FSRS schedules the next review:
          again and hard soon, good and easy later.
        </p>
      </PageHeader>
      <RedrillQueue
        titles={Object.fromEntries(challenges.map((challenge) => [challenge.id, challenge.title]))}
      />
      <ReviewQueue items={items} />
    </>
  );
}
