import { isDue, newCard, type StoredCard } from './review-scheduler';

/** New items introduced per session, so the queue grows gently (as Anki's new-card limit does). */
export const newPerSession = 5;

export interface ReviewItem {
  itemId: string;
  front: string;
  back: string;
  href: string;
}

/**
 * Today's review queue: the cards that are due, in the items' order, then up to `newPerSession` items never seen.
 * The one rule for both the review page's "N to review" and the count on the home and interview pages.
 */
export function reviewQueue<T extends { itemId: string }>(
  items: readonly T[],
  cards: readonly StoredCard[],
  now: Date,
): Array<{ item: T; card: StoredCard }> {
  const byId = new Map(cards.map((card) => [card.itemId, card]));
  const due = items.flatMap((item) => {
    const card = byId.get(item.itemId);
    return card && isDue(card, now) ? [{ item, card }] : [];
  });
  const fresh = items
    .filter((item) => !byId.has(item.itemId))
    .slice(0, newPerSession)
    .map((item) => ({ item, card: newCard(item.itemId, now) }));
  return [...due, ...fresh];
}

/** How many of today's queue are due reviews and how many are new. */
export function reviewCounts(
  itemIds: readonly string[],
  cards: readonly StoredCard[],
  now: Date,
): { due: number; fresh: number } {
  const queue = reviewQueue(
    itemIds.map((itemId) => ({ itemId })),
    cards,
    now,
  );
  const seen = new Set(cards.map((card) => card.itemId));
  const fresh = queue.filter(({ item }) => !seen.has(item.itemId)).length;
  return { due: queue.length - fresh, fresh };
}
