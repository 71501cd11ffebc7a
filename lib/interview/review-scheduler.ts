import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';

/**
 * Spaced repetition with FSRS (ts-fsrs, default parameters: 90% requested retention, fuzz off so a review's
 * next due date is reproducible). Items are interview questions (`q:<id>`) and lesson quiz items
 * (`quiz:<lesson>/<item>`). Cards are stored as JSON, so dates travel as ISO strings.
 */
export type ReviewGrade = 'again' | 'hard' | 'good' | 'easy';
const ratings: Record<ReviewGrade, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

export interface StoredCard {
  itemId: string;
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: string | null;
}

const scheduler = fsrs({ enable_fuzz: false });

function toCard(stored: StoredCard): Card {
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsed_days,
    scheduled_days: stored.scheduled_days,
    learning_steps: stored.learning_steps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
    last_review: stored.last_review ? new Date(stored.last_review) : undefined,
  };
}

function toStored(itemId: string, card: Card): StoredCard {
  return {
    itemId,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** A new card, due now. */
export function newCard(itemId: string, now: Date): StoredCard {
  return toStored(itemId, createEmptyCard(now));
}

/** The card after a review with the given grade at `now`. */
export function review(stored: StoredCard, grade: ReviewGrade, now: Date): StoredCard {
  return toStored(stored.itemId, scheduler.next(toCard(stored), now, ratings[grade]).card);
}

/** What each grade would schedule, for the buttons' labels ("good · 3 d"). */
export function preview(stored: StoredCard, now: Date): Record<ReviewGrade, Date> {
  const outcomes = scheduler.repeat(toCard(stored), now);
  return {
    again: outcomes[Rating.Again].card.due,
    hard: outcomes[Rating.Hard].card.due,
    good: outcomes[Rating.Good].card.due,
    easy: outcomes[Rating.Easy].card.due,
  };
}

export function isDue(stored: StoredCard, now: Date): boolean {
  return new Date(stored.due).getTime() <= now.getTime();
}

// An item whose review is a whole exercise (a SQL challenge re-solved on a fresh run) has no use for FSRS's
// minute-scale learning steps: without them the first interval is FSRS's own day-scale one, and later ones grow
// (or reset on "again") by the same parameters as every other card.
const dayScheduler = fsrs({ enable_fuzz: false, learning_steps: [], relearning_steps: [] });

/** The card after a review at `now`, scheduled in whole days (no learning steps). */
export function reviewInDays(stored: StoredCard, grade: ReviewGrade, now: Date): StoredCard {
  return toStored(stored.itemId, dayScheduler.next(toCard(stored), now, ratings[grade]).card);
}
