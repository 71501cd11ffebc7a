import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChallengeWorkspace } from '@/components/challenges/challenge-workspace';
import { ModellingWorkspace } from '@/components/challenges/modelling-workspace';
import { ScreenBanner } from '@/components/challenges/screen-mode';
import { challengeById, challenges, modellingChallengeById, modellingChallenges } from '@/content/challenges';
import { lessonPlan } from '@/content/lessons-plan';

export function generateStaticParams() {
  return [...challenges, ...modellingChallenges].map((challenge) => ({ id: challenge.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const challenge = challengeById((await params).id) ?? modellingChallengeById((await params).id);
  return { title: challenge ? `${challenge.title} · SQL challenge` : 'SQL challenge' };
}

const lessonLinks = (slugs: string[]) =>
  slugs.map((slug) => ({ slug, title: lessonPlan.find((lesson) => lesson.slug === slug)?.title ?? slug }));

export default async function ChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const model = modellingChallengeById(id);
  const challenge = challengeById(id);
  const back = (
    <>
      <p className="mb-4 text-sm">
        <Link href="/interview/sql" className="text-brand-600 underline">
          ← All SQL challenges
        </Link>
      </p>
      <ScreenBanner challengeId={id} />
    </>
  );
  if (model) {
    return (
      <>
        {back}
        <ModellingWorkspace challenge={model} lessons={lessonLinks(model.lessons)} />
      </>
    );
  }
  if (!challenge) notFound();
  const lessons = lessonLinks(challenge.lessons);
  return (
    <>
      {back}
      <ChallengeWorkspace challenge={challenge} lessons={lessons} />
    </>
  );
}
