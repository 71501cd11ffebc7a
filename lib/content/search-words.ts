/**
 * The words of the lesson and question search. Pure and small, because the search box runs it in the browser: an
 * index entry keeps each document's unique lowercase words once (not its text), and a query matches when every
 * one of its words begins a word of the document or occurs in its title.
 */
export interface SearchEntry {
  href: string;
  title: string;
  kind: 'lesson' | 'question';
  /** The document's unique lowercase words, space-separated. */
  words: string;
}

export interface SearchIndex {
  version: 1;
  entries: SearchEntry[];
}

// Words that occur in nearly every document match everything, so they are left out of the index and the query.
const stopWords = new Set(
  'a an and are as at be but by can do does for from has have how if in into is it its no not of on or so than that the their them then there these they this to was we what when where which while who why will with you your'.split(
    ' ',
  ),
);

function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 1 && !stopWords.has(word),
  );
}

/** The unique words of a text, sorted (so the index is byte-identical for the same content). */
export function uniqueWords(text: string): string {
  return [...new Set(tokens(text))].sort().join(' ');
}

// A JSX tag with its props; a prop value may be a template literal holding SQL with '>' in it.
const jsxTag = /<\/?[A-Za-z][\w.]*((?:\s+[\w-]+(?:=(?:\{`[\s\S]*?`\}|"[^"]*"|'[^']*'|\{[^}]*\}))?)*)\s*\/?>/g;

/**
 * MDX reduced to its prose and code words: imports, comments and link targets go; a tag is replaced by the values
 * of its props (a SqlCell's SQL, a Callout's title), so those stay searchable.
 */
export function mdxToText(body: string): string {
  return body
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(jsxTag, (_tag, props: string) => ` ${props.replace(/(^|\s)[\w-]+=/g, ' ')} `)
    .replace(/\]\([^)]*\)/g, ' ');
}

/** Entries matching every word of the query, those with query words in the title first; at most `limit`. */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 12): SearchEntry[] {
  const words = tokens(query);
  if (words.length === 0) return [];
  return entries
    .map((entry, order) => {
      const title = entry.title.toLowerCase();
      const padded = ` ${entry.words}`;
      if (!words.every((word) => title.includes(word) || padded.includes(` ${word}`))) return null;
      return { entry, order, score: words.filter((word) => title.includes(word)).length };
    })
    .filter((hit): hit is { entry: SearchEntry; order: number; score: number } => hit !== null)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((hit) => hit.entry);
}
