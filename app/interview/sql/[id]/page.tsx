import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChallengeWorkspace } from '@/components/challenges/challenge-workspace';
import { challengeById, challenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';

export function generateStaticParams() {
  return challenges.map((challenge) => ({ id: challenge.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const challenge = challengeById((await params).id);
  return { title: challenge ? `${challenge.title} · SQL challenge` : 'SQL challenge' };
}

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const challenge = challengeById((await params).id);
  if (!challenge) notFound();
  const lessons = challenge.lessons.map((slug) => ({ slug, title: lessonPlan.find((lesson) => lesson.slug === slug)?.title ?? slug }));
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/interview/sql" className="text-brand-600 underline">← All SQL challenges</Link>
      </p>
      <ChallengeWorkspace challenge={challenge} lessons={lessons} />
    </>
  );
}
