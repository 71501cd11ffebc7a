'use client';

import { useSyncExternalStore } from 'react';

/**
 * Lesson progress in localStorage: 'in-progress' once a lesson is opened, 'done' when marked done, and quiz
 * answers. Export and import move it between browsers as a JSON file.
 */
export type LessonStatus = 'in-progress' | 'done';
export interface LearnProgress {
  version: 1;
  lessons: Record<string, { status: LessonStatus; updatedAt: string }>;
  quiz: Record<string, { correct: boolean; answeredAt: string }>;
}

const storageKey = 'pipeline-lab:learn-progress:v1';
const empty: LearnProgress = { version: 1, lessons: {}, quiz: {} };
const listeners = new Set<() => void>();
let cachedText: string | null = null;
let cached: LearnProgress = empty;

function read(): LearnProgress {
  if (typeof window === 'undefined') return empty;
  const text = window.localStorage.getItem(storageKey);
  if (text === cachedText) return cached;
  cachedText = text;
  try {
    const parsed = text ? (JSON.parse(text) as LearnProgress) : empty;
    cached = parsed.version === 1 ? { ...empty, ...parsed } : empty;
  } catch {
    cached = empty;
  }
  return cached;
}

function write(next: LearnProgress): void {
  window.localStorage.setItem(storageKey, JSON.stringify(next));
  for (const listener of listeners) listener();
}

export function useLearnProgress(): LearnProgress {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => event.key === storageKey && listener();
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
    read,
    () => empty,
  );
}

export function setLessonStatus(slug: string, status: LessonStatus): void {
  const current = read();
  if (current.lessons[slug]?.status === 'done' && status === 'in-progress') return;
  write({
    ...current,
    lessons: { ...current.lessons, [slug]: { status, updatedAt: new Date().toISOString() } },
  });
}

export function recordQuizAnswer(itemKey: string, correct: boolean): void {
  const current = read();
  write({
    ...current,
    quiz: { ...current.quiz, [itemKey]: { correct, answeredAt: new Date().toISOString() } },
  });
}

export function exportProgress(): string {
  return JSON.stringify(read(), null, 2);
}

/** Replaces progress with an exported file; refuses anything that is not one. */
export function importProgress(text: string): void {
  const parsed = JSON.parse(text) as Partial<LearnProgress>;
  if (parsed.version !== 1 || typeof parsed.lessons !== 'object' || typeof parsed.quiz !== 'object') {
    throw new Error('This file is not a Pipeline Lab progress export (version 1).');
  }
  write({ version: 1, lessons: parsed.lessons ?? {}, quiz: parsed.quiz ?? {} });
}
