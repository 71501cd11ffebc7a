'use client';

import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  pickScreen,
  readScreen,
  scoreScreen,
  screenKey,
  screenMinutes,
  writeScreen,
  type ScreenCandidate,
  type ScreenState,
} from '@/lib/challenges/screen';
import { DifficultyBadge } from './challenge-list';
import { useChallengeProgress } from './use-challenge-progress';

const listeners = new Set<() => void>();
let cachedText: string | null = null;
let cached: ScreenState | null = null;

function snapshot(): ScreenState | null {
  const text = window.localStorage.getItem(screenKey);
  if (text !== cachedText) {
    cachedText = text;
    cached = readScreen();
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === screenKey && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function save(state: ScreenState | null): void {
  writeScreen(state);
  for (const listener of listeners) listener();
}

export function useScreen(): ScreenState | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

/** The clock, ticking once a second while a screen runs. */
function useNow(active: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Start a screen, follow it, see its score. */
export function ScreenMode({ candidates }: { candidates: (ScreenCandidate & { title: string })[] }) {
  const progress = useChallengeProgress();
  const screen = useScreen();
  const now = useNow(screen !== null && screen.finishedAt === null);
  const [unavailable, setUnavailable] = useState(false);
  const score = screen ? scoreScreen(screen, progress, now) : null;
  const title = (id: string) => candidates.find((c) => c.id === id)?.title ?? id;

  const start = () => {
    const state = pickScreen(candidates, progress, Math.random, new Date());
    setUnavailable(state === null);
    if (state) save(state);
  };

  if (!screen || !score) {
    return (
      <section className="space-y-3" data-testid="screen-start">
        <p>
          Three challenges, one easy, one medium and one hard, none you have solved, and {screenMinutes}{' '}
          minutes. A challenge scores 1, 2 or 3 points when it is solved in time; each hint revealed during
          the screen costs half a point. Two thirds of the points pass, about the bar of a first technical
          round.
        </p>
        <button
          type="button"
          onClick={start}
          className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white"
        >
          Start a {screenMinutes}-minute screen
        </button>
        {unavailable ? (
          <p role="alert" className="text-sm text-red-700">
            You have solved every challenge of some difficulty: nothing is left to screen you on.
          </p>
        ) : null}
      </section>
    );
  }

  return (
    <section className="space-y-4" data-testid="screen">
      <p className="text-2xl font-semibold tabular-nums" data-testid="screen-clock">
        {score.over ? 'Screen over' : `${formatRemaining(score.remainingMs)} left`}
      </p>
      <ol className="space-y-2">
        {screen.challenges.map((challenge, i) => {
          const result = score.perChallenge[i];
          return (
            <li
              key={challenge.id}
              className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-3 dark:border-slate-700"
            >
              <DifficultyBadge difficulty={challenge.difficulty} />
              <Link href={`/interview/sql/${challenge.id}`} className="font-medium text-brand-600 underline">
                {title(challenge.id)}
              </Link>
              <span className="ml-auto text-sm" data-testid={`screen-result-${i}`}>
                {result?.solved
                  ? `✓ ${result.points} of ${result.max} points`
                  : `0 of ${result?.max ?? 0} points`}
                {result && result.hints > 0 ? ` · ${result.hints} hint${result.hints === 1 ? '' : 's'}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <p data-testid="screen-score" className="font-medium">
        Score: {score.points} of {score.max}
        {score.over
          ? score.passed
            ? ' — passed.'
            : ' — not passed this time: the reference solutions and hints of the missed ones are the next thing to study.'
          : ''}
      </p>
      <div className="flex gap-2">
        {!score.over ? (
          <button
            type="button"
            onClick={() => save({ ...screen, finishedAt: new Date().toISOString() })}
            className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
          >
            Finish now
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => save(null)}
          className="rounded px-3 py-1 text-sm text-slate-500 underline"
        >
          {score.over ? 'Clear and start another' : 'Abandon this screen'}
        </button>
      </div>
    </section>
  );
}

/** On a challenge page that belongs to the running screen: the time left and the way back. */
export function ScreenBanner({ challengeId }: { challengeId: string }) {
  const screen = useScreen();
  const progress = useChallengeProgress();
  const running =
    screen !== null && screen.finishedAt === null && screen.challenges.some((c) => c.id === challengeId);
  const now = useNow(running);
  if (!screen || !running) return null;
  const score = scoreScreen(screen, progress, now);
  if (score.over) return null;
  return (
    <p
      role="status"
      data-testid="screen-banner"
      className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      Timed screen: <span className="tabular-nums">{formatRemaining(score.remainingMs)}</span> left,{' '}
      {score.points} of {score.max} points so far.{' '}
      <Link href="/interview/sql/screen" className="text-brand-600 underline">
        Back to the screen
      </Link>
    </p>
  );
}
