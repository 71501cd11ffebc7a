import { describe, expect, it } from 'vitest';
import { newCard, review } from './review-scheduler';
import { newPerSession, reviewCounts, reviewQueue } from './review-queue';

const start = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const ids = Array.from({ length: 12 }, (_, index) => `q:${index}`);

describe("today's review queue, one rule for the review page and the due count", () => {
  it('is due cards in the items order, then at most five new items', () => {
    const cards = [
      review(newCard('q:3', at(0)), 'again', at(0)),
      review(newCard('q:1', at(0)), 'good', at(0)),
    ];
    // Five minutes on only the "again" card (due after 1 minute) is due; "good" waits 10 minutes.
    const queue = reviewQueue(
      ids.map((itemId) => ({ itemId })),
      cards,
      at(5),
    );
    expect(queue.map(({ item }) => item.itemId)).toEqual(['q:3', 'q:0', 'q:2', 'q:4', 'q:5', 'q:6']);
    expect(reviewCounts(ids, cards, at(5))).toEqual({ due: 1, fresh: newPerSession });
    expect(reviewCounts(ids, cards, at(11))).toEqual({ due: 2, fresh: newPerSession });
  });

  it('counts new items the home page used to leave out ("No reviews due" beside "5 to review")', () => {
    expect(reviewCounts(ids, [], start)).toEqual({ due: 0, fresh: 5 });
    expect(reviewCounts(ids.slice(0, 2), [], start)).toEqual({ due: 0, fresh: 2 });
    // A stored card whose item left the bank is not counted.
    expect(reviewCounts(ids.slice(0, 1), [review(newCard('q:gone', at(0)), 'again', at(0))], at(5))).toEqual({
      due: 0,
      fresh: 1,
    });
  });
});
