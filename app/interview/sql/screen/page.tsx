import type { Metadata } from 'next';
import Link from 'next/link';
import { ScreenMode } from '@/components/challenges/screen-mode';
import { PageHeader } from '@/components/ui/page-header';
import { challenges } from '@/content/challenges';

export const metadata: Metadata = { title: 'Timed screen · SQL challenges' };

export default function ScreenPage() {
  const candidates = challenges.map(({ id, title, difficulty }) => ({ id, title, difficulty }));
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/interview/sql" className="text-brand-600 underline">
          ← All SQL challenges
        </Link>
      </p>
      <PageHeader eyebrow="Interview" title="Timed screen" />
      <ScreenMode candidates={candidates} />
    </>
  );
}
