import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchHeadlines } from './search-index.server';
import { mdxToText, searchEntries, uniqueWords } from './search-words';

describe('search words', () => {
  it('keeps unique lowercase words, sorted, without one-letter words and stop words', () => {
    expect(
      uniqueWords('The Watermark, the watermark: W = max(event_ts) - 5 min; SCD2 and exactly-once'),
    ).toBe('event exactly max min once scd2 ts watermark');
  });

  it('strips MDX syntax but keeps the words inside components and code', () => {
    const text = mdxToText(
      'import { X } from \'y\';\n{/* a note */}\n<SqlCell title="Lag" sql={`SELECT lag FROM t`} />\nSee [the console](/pipeline).',
    );
    expect(uniqueWords(text)).toBe('console lag see select');
    expect(
      uniqueWords(mdxToText('<SqlCell sql={`SELECT event_type FROM t WHERE quantity >= 1`} /> after')),
    ).toBe('after event quantity select type');
  });

  it('matches when every query word begins a word of the document or is in its title', () => {
    const entries = [
      {
        href: '/a',
        title: 'Stream processing',
        kind: 'lesson' as const,
        words: uniqueWords('watermarks windows lateness'),
      },
      {
        href: '/b',
        title: 'Kafka',
        kind: 'lesson' as const,
        words: uniqueWords('partitions consumer lag watermark'),
      },
    ];
    expect(searchEntries(entries, 'watermark').map((entry) => entry.href)).toEqual(['/a', '/b']);
    expect(searchEntries(entries, 'consumer lag').map((entry) => entry.href)).toEqual(['/b']);
    expect(searchEntries(entries, 'stream watermark').map((entry) => entry.href)).toEqual(['/a']);
    expect(searchEntries(entries, 'atermark')).toEqual([]);
    expect(searchEntries(entries, 'the')).toEqual([]);
  });
});

describe('the full-text index of lessons and questions', () => {
  it('finds words deep in a lesson body and in a model answer, which the headlines do not hold', async () => {
    const [index, headlines] = await Promise.all([buildSearchIndex(), searchHeadlines()]);
    // Near the end of stream-processing.mdx (far past its first 2,000 characters) and in no lesson summary.
    expect(searchEntries(headlines, 'allowedLatenessMs')).toEqual([]);
    expect(searchEntries(index.entries, 'allowedLatenessMs').map((entry) => entry.href)).toContain(
      '/learn/stream-processing',
    );
    // Only in the deep answer of the streaming-semantics questions.
    const deep = searchEntries(index.entries, 'accumulating panes').map((entry) => entry.href);
    expect(deep.some((href) => href.startsWith('/interview/questions/'))).toBe(true);
  });

  it('stays small enough to fetch on focus: under 150 kB gzip for every lesson and question', async () => {
    const json = JSON.stringify(await buildSearchIndex());
    const gzip = gzipSync(json).length;
    console.log(`search index: ${json.length} bytes, ${gzip} gzip`);
    expect(gzip).toBeLessThan(150_000);
  });
});
