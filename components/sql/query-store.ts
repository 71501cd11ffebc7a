import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * Query history and saved queries in IndexedDB, so they survive reloads and stay on this machine.
 * History keeps the newest `historyLimit` entries.
 */
export interface HistoryEntry {
  id?: number;
  sql: string;
  source: string;
  at: number;
  ok: boolean;
  rows: number | null;
  elapsedMs: number | null;
}

export interface SavedQuery {
  name: string;
  sql: string;
  savedAt: number;
}

interface QueryDb extends DBSchema {
  history: { key: number; value: HistoryEntry; indexes: { at: number } };
  saved: { key: string; value: SavedQuery };
}

const historyLimit = 200;
let database: Promise<IDBPDatabase<QueryDb>> | null = null;

function db(): Promise<IDBPDatabase<QueryDb>> {
  database ??= openDB<QueryDb>('pipeline-lab-sql', 1, {
    upgrade(upgradeDb) {
      const history = upgradeDb.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
      history.createIndex('at', 'at');
      upgradeDb.createObjectStore('saved', { keyPath: 'name' });
    },
  });
  return database;
}

export async function addHistory(entry: Omit<HistoryEntry, 'id'>): Promise<void> {
  const store = (await db()).transaction('history', 'readwrite').store;
  await store.add(entry);
  const count = await store.count();
  if (count > historyLimit) {
    let cursor = await store.openCursor();
    for (let extra = count - historyLimit; cursor && extra > 0; extra--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
}

export async function listHistory(limit = 50): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor = await (await db()).transaction('history').store.index('at').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

export async function clearHistory(): Promise<void> {
  await (await db()).clear('history');
}

export async function saveQuery(name: string, sql: string): Promise<void> {
  await (await db()).put('saved', { name, sql, savedAt: Date.now() });
}

export async function listSaved(): Promise<SavedQuery[]> {
  return (await (await db()).getAll('saved')).sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteSaved(name: string): Promise<void> {
  await (await db()).delete('saved', name);
}
