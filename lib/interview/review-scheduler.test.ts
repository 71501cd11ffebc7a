import { describe, expect, it } from 'vitest';
import { isDue, newCard, preview, review } from './review-scheduler';

const now = new Date('2026-01-05T09:00:00.000Z');
const days = (from: Date, to: string) => (new Date(to).getTime() - from.getTime()) / 86_400_000;

describe('FSRS review scheduling', () => {
  it('a new card is due at once', () => {
    expect(isDue(newCard('q:x', now), now)).toBe(true);
  });

  it('orders the next due date by grade: again < hard < good < easy', () => {
    const card = newCard('q:x', now);
    const [again, hard, good, easy] = (['again', 'hard', 'good', 'easy'] as const).map(
      (grade) => review(card, grade, now).due,
    );
    expect(new Date(again!).getTime()).toBeLessThan(new Date(hard!).getTime());
    expect(new Date(hard!).getTime()).toBeLessThan(new Date(good!).getTime());
    expect(new Date(good!).getTime()).toBeLessThan(new Date(easy!).getTime());
    expect(days(now, easy!)).toBeGreaterThanOrEqual(1);
  });

  it('matches what the scheduler previews, and grows intervals with successful reviews', () => {
    let card = newCard('q:x', now);
    expect(new Date(review(card, 'good', now).due)).toEqual(preview(card, now).good);
    card = review(review(card, 'easy', now), 'good', new Date(review(card, 'easy', now).due));
    const firstInterval = card.scheduled_days;
    const later = review(card, 'good', new Date(card.due));
    expect(later.scheduled_days).toBeGreaterThan(firstInterval);
    expect(later.reps).toBe(3);
  });

  it('a lapse (again on a review card) counts and brings the card back soon', () => {
    let card = review(newCard('q:x', now), 'easy', now);
    const dueAt = new Date(card.due);
    card = review(card, 'again', dueAt);
    expect(card.lapses).toBe(1);
    expect(days(dueAt, card.due)).toBeLessThan(1);
  });
});
