'use client';

import Link from 'next/link';
import { useState } from 'react';
import { challengeDifficulties, type ChallengeDifficulty } from '@/content/schema/challenge-difficulty';
import { challengeEntry } from '@/lib/challenges/progress';
import { useChallengeProgress } from './use-challenge-progress';

export interface ChallengeSummary {
  id: string;
  title: string;
  difficulty: ChallengeDifficulty;
  topics: string[];
}

const difficultyStyle: Record<ChallengeDifficulty, string> = {
  easy: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  medium: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  hard: 'bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100',
};

export function DifficultyBadge({ difficulty }: { difficulty: ChallengeDifficulty }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${difficultyStyle[difficulty]}`}>
      {difficulty}
    </span>
  );
}

/** The challenge list with difficulty and topic filters and a solved badge from the learner's progress. */
export function ChallengeList({ challenges }: { challenges: ChallengeSummary[] }) {
  const progress = useChallengeProgress();
  const [difficulty, setDifficulty] = useState<ChallengeDifficulty | 'all'>('all');
  const [topic, setTopic] = useState('all');
  const topics = [...new Set(challenges.flatMap((c) => c.topics))].sort();
  const shown = challenges.filter(
    (c) =>
      (difficulty === 'all' || c.difficulty === difficulty) && (topic === 'all' || c.topics.includes(topic)),
  );
  const solved = challenges.filter((c) => challengeEntry(progress, c.id).solved).length;

  return (
    <section>
      <div className="mb-4 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          Difficulty
          <select
            value={difficulty}
            onChange={(e) => setDifficulty(e.target.value as ChallengeDifficulty | 'all')}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="all">All</option>
            {challengeDifficulties.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Topic
          <select
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="all">All</option>
            {topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <p className="ml-auto text-slate-600 dark:text-slate-300" data-testid="solved-count">
          {solved} of {challenges.length} solved
        </p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {shown.map((c) => {
          const entry = challengeEntry(progress, c.id);
          return (
            <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <Link
                href={`/interview/sql/${c.id}`}
                className="font-medium text-brand-600 underline-offset-2 hover:underline"
              >
                {c.title}
              </Link>
              <DifficultyBadge difficulty={c.difficulty} />
              <span className="text-xs text-slate-500">{c.topics.join(' · ')}</span>
              <span className="ml-auto text-xs">
                {entry.solved ? (
                  <span
                    className="rounded bg-emerald-600 px-2 py-0.5 font-medium text-white"
                    aria-label="solved"
                  >
                    ✓ Solved
                  </span>
                ) : entry.attempts > 0 ? (
                  <span className="text-slate-500">
                    {entry.attempts} attempt{entry.attempts === 1 ? '' : 's'}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
        {shown.length === 0 ? (
          <li className="px-4 py-3 text-sm text-slate-500">No challenge matches these filters.</li>
        ) : null}
      </ul>
    </section>
  );
}
