import type { ChallengeDifficulty } from '@/content/schema/challenge-difficulty';
import { challengeEntry, type ChallengeProgress } from './progress';

/**
 * A timed screen like a real one: three SQL challenges (one easy, one medium, one hard) in 45 minutes. Pure rules
 * here (which challenges, how it is scored); the state lives in localStorage under screenKey and the page is
 * components/challenges/screen-mode.tsx. A challenge counts when it was solved during the screen: its progress has
 * a solvedAt inside the window. Hints revealed during the screen cost points, as help costs in an interview.
 */
export const screenKey = 'pipeline-lab:screen:v1';
export const screenMinutes = 45;
export const screenPoints: Record<ChallengeDifficulty, number> = { easy: 1, medium: 2, hard: 3 };
/** Points lost per hint revealed during the screen, never below 0 for a challenge. */
export const hintPenalty = 0.5;
/** A screen passes at this share of the points, the bar of a typical first technical round. */
export const passShare = 2 / 3;

export interface ScreenState {
  startedAt: string;
  finishedAt: string | null;
  challenges: { id: string; difficulty: ChallengeDifficulty; hintsAtStart: number }[];
}

const difficulties: readonly unknown[] = ['easy', 'medium', 'hard'];

/** Whether a value is a stored screen, checked by hand: the challenge pages read it on first load, without zod. */
export function isScreenState(value: unknown): value is ScreenState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.startedAt === 'string' &&
    (state.finishedAt === null || typeof state.finishedAt === 'string') &&
    Array.isArray(state.challenges) &&
    state.challenges.length === 3 &&
    state.challenges.every((item: unknown) => {
      if (typeof item !== 'object' || item === null) return false;
      const challenge = item as Record<string, unknown>;
      return (
        typeof challenge.id === 'string' &&
        difficulties.includes(challenge.difficulty) &&
        Number.isInteger(challenge.hintsAtStart) &&
        (challenge.hintsAtStart as number) >= 0
      );
    })
  );
}

export interface ScreenCandidate {
  id: string;
  difficulty: ChallengeDifficulty;
}

/**
 * One unsolved challenge per difficulty, chosen with `random` (0 ≤ x < 1); null when a difficulty has nothing
 * unsolved left, since a solved challenge keeps its first solve time and could not count again.
 */
export function pickScreen(
  candidates: readonly ScreenCandidate[],
  progress: ChallengeProgress,
  random: () => number,
  now: Date,
): ScreenState | null {
  const picked: ScreenState['challenges'] = [];
  for (const difficulty of ['easy', 'medium', 'hard'] as const) {
    const open = candidates.filter(
      (c) => c.difficulty === difficulty && !challengeEntry(progress, c.id).solved,
    );
    if (open.length === 0) return null;
    const choice = open[Math.min(open.length - 1, Math.floor(random() * open.length))] as ScreenCandidate;
    picked.push({ id: choice.id, difficulty, hintsAtStart: challengeEntry(progress, choice.id).hintsUsed });
  }
  return { startedAt: now.toISOString(), finishedAt: null, challenges: picked };
}

export function screenDeadline(state: ScreenState): Date {
  return new Date(Date.parse(state.startedAt) + screenMinutes * 60_000);
}

export interface ScreenScore {
  perChallenge: { id: string; solved: boolean; hints: number; points: number; max: number }[];
  points: number;
  max: number;
  passed: boolean;
  /** The screen is over: finished by the learner, or the time is up. */
  over: boolean;
  remainingMs: number;
}

export function scoreScreen(state: ScreenState, progress: ChallengeProgress, now: Date): ScreenScore {
  const deadline = screenDeadline(state).getTime();
  const end = Math.min(deadline, state.finishedAt ? Date.parse(state.finishedAt) : Number.POSITIVE_INFINITY);
  const start = Date.parse(state.startedAt);
  const perChallenge = state.challenges.map(({ id, difficulty, hintsAtStart }) => {
    const entry = challengeEntry(progress, id);
    const solvedAt = entry.solvedAt ? Date.parse(entry.solvedAt) : Number.NaN;
    const solved = entry.solved && solvedAt >= start && solvedAt <= end;
    const hints = Math.max(0, entry.hintsUsed - hintsAtStart);
    const max = screenPoints[difficulty];
    return { id, solved, hints, max, points: solved ? Math.max(0, max - hints * hintPenalty) : 0 };
  });
  const points = perChallenge.reduce((sum, c) => sum + c.points, 0);
  const max = perChallenge.reduce((sum, c) => sum + c.max, 0);
  const over = state.finishedAt !== null || now.getTime() >= deadline;
  return {
    perChallenge,
    points,
    max,
    passed: points >= max * passShare,
    over,
    remainingMs: Math.max(0, end - now.getTime()),
  };
}

/** The stored screen; missing or unreadable reads as none. */
export function readScreen(): ScreenState | null {
  if (typeof window === 'undefined') return null;
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(screenKey) ?? 'null');
    return isScreenState(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeScreen(state: ScreenState | null): void {
  if (state && !isScreenState(state))
    throw new Error('A screen to store needs three challenges and a start time.');
  if (state) window.localStorage.setItem(screenKey, JSON.stringify(state));
  else window.localStorage.removeItem(screenKey);
}
