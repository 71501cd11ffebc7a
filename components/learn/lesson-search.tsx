'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';

export interface SearchDocument {
  href: string;
  title: string;
  kind: 'lesson' | 'question';
  text: string;
}

/** Full-text search over lessons and interview questions: every word must appear (title, summary, body text). */
export function LessonSearch({ documents }: { documents: SearchDocument[] }) {
  const [query, setQuery] = useState('');
  const hits = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 1);
    if (words.length === 0) return [];
    return documents
      .map((document) => {
        const title = document.title.toLowerCase();
        const text = document.text.toLowerCase();
        if (!words.every((word) => title.includes(word) || text.includes(word))) return null;
        return { document, score: words.filter((word) => title.includes(word)).length };
      })
      .filter((hit): hit is { document: SearchDocument; score: number } => hit !== null)
      .sort((a, b) => b.score - a.score)
      .slice(0, 12);
  }, [documents, query]);
  return (
    <div className="my-6">
      <label className="block text-sm font-medium" htmlFor="lesson-search">
        Search lessons and interview questions
      </label>
      <input
        id="lesson-search"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="watermark, SCD2, consumer lag…"
        className="mt-1 w-full max-w-xl rounded border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
      />
      {query.trim().length > 1 ? (
        <ul className="mt-3 space-y-1 text-sm" aria-label="Search results">
          {hits.length === 0 ? <li>No lesson or question mentions that.</li> : null}
          {hits.map(({ document }) => (
            <li key={document.href}>
              <Link href={document.href} className="text-brand-600 hover:underline dark:text-brand-100">
                {document.title}
              </Link>{' '}
              <span className="text-xs text-slate-500">{document.kind}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
