'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { practiceStore } from './practice-store';

export interface BankEntry {
  id: string;
  question: string;
  category: string;
  difficulty: string;
  topics: string[];
  keyQuestion: boolean;
}

/** Browse and filter the question bank; bookmarks come from IndexedDB. */
export function QuestionBank({ questions }: { questions: BankEntry[] }) {
  const [category, setCategory] = useState('');
  const [difficulty, setDifficulty] = useState('');
  const [text, setText] = useState('');
  const [onlyBookmarked, setOnlyBookmarked] = useState(false);
  const [bookmarks, setBookmarks] = useState<string[]>([]);
  useEffect(() => {
    void practiceStore.bookmarks().then(setBookmarks);
  }, []);
  const categories = useMemo(
    () => [...new Set(questions.map((question) => question.category))].sort(),
    [questions],
  );
  const shown = questions.filter(
    (question) =>
      (!category || question.category === category) &&
      (!difficulty || question.difficulty === difficulty) &&
      (!onlyBookmarked || bookmarks.includes(question.id)) &&
      (!text ||
        `${question.question} ${question.topics.join(' ')}`.toLowerCase().includes(text.toLowerCase())),
  );
  return (
    <section aria-labelledby="bank-heading" className="mt-10">
      <h2 id="bank-heading" className="text-xl font-semibold">
        Question bank ({questions.length})
      </h2>
      <div className="mt-3 flex flex-wrap gap-3 text-sm">
        <label className="flex flex-col gap-1">
          Category
          <select
            value={category}
            onChange={(event) => setCategory(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="">All</option>
            {categories.map((entry) => (
              <option key={entry}>{entry}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Level
          <select
            value={difficulty}
            onChange={(event) => setDifficulty(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="">All</option>
            <option>junior</option>
            <option>mid</option>
            <option>senior</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Contains
          <input
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
        <label className="flex items-end gap-2">
          <input
            type="checkbox"
            checked={onlyBookmarked}
            onChange={(event) => setOnlyBookmarked(event.target.checked)}
          />
          Bookmarked only
        </label>
      </div>
      <ul className="mt-4 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Questions">
        {shown.map((question) => (
          <li key={question.id} className="py-2">
            <Link
              href={`/interview/questions/${question.id}`}
              className="text-brand-600 underline dark:text-brand-100"
            >
              {question.question}
            </Link>
            <span className="ml-2 text-xs text-slate-500">
              {question.category} · {question.difficulty}
              {question.keyQuestion ? ' · key question' : ''}
              {bookmarks.includes(question.id) ? ' · ★' : ''}
            </span>
          </li>
        ))}
        {shown.length === 0 ? <li className="py-2 text-sm">No question matches these filters.</li> : null}
      </ul>
    </section>
  );
}
