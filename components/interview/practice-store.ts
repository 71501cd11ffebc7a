'use client';

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readChallengeProgress, writeChallengeProgress } from '@/lib/challenges/progress';
import { mergeChallengeProgress } from '@/lib/challenges/progress-merge';
import type { Bookmark, SavedMock } from '@/lib/interview/practice-export';
import type { StoredCard } from '@/lib/interview/review-scheduler';

export type { SavedMock } from '@/lib/interview/practice-export';

// The export format validates a whole file with zod; every page that reads the store would otherwise ship zod on
// first load, though only the export and import buttons need it.
const practiceExport = () => import('@/lib/interview/practice-export');

/**
 * The learner's interview practice in IndexedDB: FSRS cards, past mock interviews and bookmarks. Export and
 * import move it between browsers as one JSON file (lib/interview/practice-export.ts), together with the SQL
 * challenge progress that lives in localStorage (lib/challenges/progress.ts).
 */
interface PracticeDb extends DBSchema {
  cards: { key: string; value: StoredCard };
  mocks: { key: string; value: SavedMock };
  bookmarks: { key: string; value: Bookmark };
}

let database: Promise<IDBPDatabase<PracticeDb>> | undefined;
function db(): Promise<IDBPDatabase<PracticeDb>> {
  database ??= openDB<PracticeDb>('pipeline-lab-practice', 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore('cards', { keyPath: 'itemId' });
      upgrade.createObjectStore('mocks', { keyPath: 'id' });
      upgrade.createObjectStore('bookmarks', { keyPath: 'id' });
    },
  });
  return database;
}

export const practiceStore = {
  async cards(): Promise<StoredCard[]> {
    return (await db()).getAll('cards');
  },
  async saveCard(card: StoredCard): Promise<void> {
    await (await db()).put('cards', card);
  },
  async mocks(): Promise<SavedMock[]> {
    return ((await (await db()).getAll('mocks')) as SavedMock[]).sort((a, b) =>
      b.finishedAt.localeCompare(a.finishedAt),
    );
  },
  async saveMock(mock: SavedMock): Promise<void> {
    await (await db()).put('mocks', mock);
  },
  async bookmarks(): Promise<string[]> {
    return (await (await db()).getAll('bookmarks')).map((entry) => entry.id);
  },
  async toggleBookmark(id: string): Promise<boolean> {
    const store = await db();
    if (await store.get('bookmarks', id)) {
      await store.delete('bookmarks', id);
      return false;
    }
    await store.put('bookmarks', { id, addedAt: new Date().toISOString() });
    return true;
  },
  async exportAll(): Promise<string> {
    const store = await db();
    const [cards, mocks, bookmarks] = await Promise.all([
      store.getAll('cards'),
      store.getAll('mocks'),
      store.getAll('bookmarks'),
    ]);
    const { serializePractice } = await practiceExport();
    return serializePractice({ cards, mocks, bookmarks, challenges: readChallengeProgress() });
  },
  /** Adds an export to what is here: records with the same key are replaced, challenge progress is merged. */
  async importAll(text: string): Promise<void> {
    const { parsePracticeExport } = await practiceExport();
    const data = parsePracticeExport(text);
    const store = await db();
    const transaction = store.transaction(['cards', 'mocks', 'bookmarks'], 'readwrite');
    await Promise.all([
      ...data.cards.map((card) => transaction.objectStore('cards').put(card)),
      ...data.mocks.map((mock) => transaction.objectStore('mocks').put(mock)),
      ...data.bookmarks.map((bookmark) => transaction.objectStore('bookmarks').put(bookmark)),
    ]);
    await transaction.done;
    writeChallengeProgress(mergeChallengeProgress(readChallengeProgress(), data.challenges));
  },
};
