'use client';

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredCard } from '@/lib/interview/review-scheduler';
import type { MockSummary } from '@/lib/interview/mock-session';

/**
 * The learner's interview practice in IndexedDB: FSRS cards, past mock interviews and bookmarks. Export and
 * import move it between browsers as one JSON file.
 */
export interface SavedMock {
  id: string;
  finishedAt: string;
  secondsPerQuestion: number;
  questionIds: string[];
  summary: MockSummary;
}

interface PracticeDb extends DBSchema {
  cards: { key: string; value: StoredCard };
  mocks: { key: string; value: SavedMock };
  bookmarks: { key: string; value: { id: string; addedAt: string } };
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
    return ((await (await db()).getAll('mocks')) as SavedMock[]).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
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
    return JSON.stringify({ version: 1, cards: await store.getAll('cards'), mocks: await store.getAll('mocks'), bookmarks: await store.getAll('bookmarks') }, null, 2);
  },
  async importAll(text: string): Promise<void> {
    const data = JSON.parse(text) as { version?: number; cards?: StoredCard[]; mocks?: SavedMock[]; bookmarks?: Array<{ id: string; addedAt: string }> };
    if (data.version !== 1 || !Array.isArray(data.cards) || !Array.isArray(data.mocks) || !Array.isArray(data.bookmarks)) {
      throw new Error('This file is not a Pipeline Lab practice export (version 1).');
    }
    const store = await db();
    const transaction = store.transaction(['cards', 'mocks', 'bookmarks'], 'readwrite');
    await Promise.all([
      ...data.cards.map((card) => transaction.objectStore('cards').put(card)),
      ...data.mocks.map((mock) => transaction.objectStore('mocks').put(mock)),
      ...data.bookmarks.map((bookmark) => transaction.objectStore('bookmarks').put(bookmark)),
    ]);
    await transaction.done;
  },
};
