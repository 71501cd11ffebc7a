// The IndexedDB globals idb expects (IDBRequest, IDBCursor, …); each test then swaps in an empty factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { challengeProgressKey, type ChallengeProgress } from '@/lib/challenges/progress';
import { newCard, review } from '@/lib/interview/review-scheduler';

/**
 * The IndexedDB practice store against fake-indexeddb (an in-memory IndexedDB), with a Map for localStorage: what
 * survives a reload (a fresh module over the same database), and what an export carries into another browser (a
 * fresh module over an empty database).
 */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

async function freshBrowser(): Promise<{ storage: MemoryStorage }> {
  const storage = new MemoryStorage();
  vi.stubGlobal('indexedDB', new IDBFactory());
  vi.stubGlobal('window', { localStorage: storage });
  vi.resetModules();
  return { storage };
}

async function loadStore() {
  vi.resetModules();
  return (await import('./practice-store')).practiceStore;
}

const now = new Date('2026-03-02T09:00:00.000Z');
const challenges = (entries: ChallengeProgress['challenges']): string =>
  JSON.stringify({ version: 1, challenges: entries });

beforeEach(() => freshBrowser());
afterEach(() => vi.unstubAllGlobals());

describe('practice store (IndexedDB)', () => {
  it('keeps graded cards, mocks and bookmarks across a reload', async () => {
    const store = await loadStore();
    const graded = review(newCard('q:a', now), 'good', now);
    await store.saveCard(graded);
    await store.saveCard(review(newCard('quiz:kafka-fundamentals/lag-definition', now), 'again', now));
    expect(await store.toggleBookmark('q:a')).toBe(true);
    expect(await store.toggleBookmark('q:b')).toBe(true);
    expect(await store.toggleBookmark('q:b')).toBe(false);

    const reloaded = await loadStore();
    const cards = await reloaded.cards();
    expect(cards.map((card) => card.itemId).sort()).toEqual([
      'q:a',
      'quiz:kafka-fundamentals/lag-definition',
    ]);
    expect(cards.find((card) => card.itemId === 'q:a')).toEqual(graded);
    expect(await reloaded.bookmarks()).toEqual(['q:a']);
  });

  it('moves everything, challenge progress included, to another browser through export and import', async () => {
    const { storage } = await freshBrowser();
    storage.setItem(
      challengeProgressKey,
      challenges({
        'orders-by-status': {
          attempts: 3,
          hintsUsed: 2,
          solved: true,
          gaveUp: false,
          solvedAt: now.toISOString(),
          lastSql: 'SELECT 1',
        },
      }),
    );
    const store = await loadStore();
    await store.saveCard(review(newCard('q:a', now), 'easy', now));
    await store.saveMock({
      id: 'm1',
      finishedAt: now.toISOString(),
      secondsPerQuestion: 120,
      questionIds: ['a'],
      summary: {
        questions: 1,
        answered: 1,
        skipped: 0,
        timedOut: 0,
        score: 1,
        perQuestion: [{ questionId: 'a', score: 1 }],
        weakTopics: [],
        lessonsToRevisit: [],
        durationSeconds: 90,
      },
    });
    await store.toggleBookmark('q:a');
    const exported = await store.exportAll();

    const other = await freshBrowser();
    other.storage.setItem(
      challengeProgressKey,
      challenges({
        'events-per-day': {
          attempts: 1,
          hintsUsed: 0,
          solved: false,
          gaveUp: false,
          solvedAt: null,
          lastSql: 'SELECT 2',
        },
      }),
    );
    const elsewhere = await loadStore();
    expect(await elsewhere.cards()).toEqual([]);
    await elsewhere.importAll(exported);

    expect((await elsewhere.cards()).map((card) => [card.itemId, card.reps])).toEqual([['q:a', 1]]);
    expect((await elsewhere.mocks()).map((mock) => mock.id)).toEqual(['m1']);
    expect(await elsewhere.bookmarks()).toEqual(['q:a']);
    const merged = JSON.parse(other.storage.getItem(challengeProgressKey) ?? '{}') as ChallengeProgress;
    expect(Object.keys(merged.challenges).sort()).toEqual(['events-per-day', 'orders-by-status']);
    expect(merged.challenges['orders-by-status']).toMatchObject({ attempts: 3, hintsUsed: 2, solved: true });
    expect(merged.challenges['events-per-day']).toMatchObject({ attempts: 1, lastSql: 'SELECT 2' });
  });

  it('refuses a file that is not a practice export and leaves the stores untouched', async () => {
    const store = await loadStore();
    await store.saveCard(newCard('q:a', now));
    await expect(store.importAll(JSON.stringify({ version: 1, lessons: {}, quiz: {} }))).rejects.toThrow(
      /not a Pipeline Lab practice export/,
    );
    expect((await store.cards()).map((card) => card.itemId)).toEqual(['q:a']);
  });
});
