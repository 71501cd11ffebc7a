'use client';

import Link from 'next/link';
import { useMemo, useRef, useState } from 'react';
import { searchEntries, type SearchEntry, type SearchIndex } from '@/lib/content/search-words';

/**
 * Full-text search over lessons and interview questions: every query word must begin a word of the document (or
 * appear in its title). The page hands over headline entries (titles and summaries) so the box works at once; the
 * full index (every word of every lesson and answer, about 55 kB gzip) is fetched the first time the box gets
 * focus, so it is not part of /learn's first load.
 */
export function LessonSearch({ headlines }: { headlines: SearchEntry[] }) {
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<SearchEntry[]>(headlines);
  const requested = useRef(false);
  const loadFullIndex = () => {
    if (requested.current) return;
    requested.current = true;
    void fetch('/api/search-index')
      .then((response) =>
        response.ok
          ? (response.json() as Promise<SearchIndex>)
          : Promise.reject(new Error(String(response.status))),
      )
      .then((index) => setEntries(index.entries))
      // Offline or failed: the headlines keep working; the next focus tries again.
      .catch(() => (requested.current = false));
  };
  const hits = useMemo(() => searchEntries(entries, query), [entries, query]);
  return (
    <div className="my-6">
      <label className="block text-sm font-medium" htmlFor="lesson-search">
        Search lessons and interview questions
      </label>
      <input
        id="lesson-search"
        type="search"
        value={query}
        onFocus={loadFullIndex}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="watermark, SCD2, consumer lag…"
        className="mt-1 w-full max-w-xl rounded border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
      />
      {query.trim().length > 1 ? (
        <ul className="mt-3 space-y-1 text-sm" aria-label="Search results">
          {hits.length === 0 ? <li>No lesson or question mentions that.</li> : null}
          {hits.map((entry) => (
            <li key={entry.href}>
              <Link href={entry.href} className="text-brand-600 hover:underline dark:text-brand-100">
                {entry.title}
              </Link>{' '}
              <span className="text-xs text-slate-500">{entry.kind}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
