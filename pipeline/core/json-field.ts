/** A line that at least looks like one JSON object (cheap structural check before routing it). */
export function looksLikeJsonObject(line: Buffer): boolean {
  let first = 0;
  while (first < line.length && (line[first] === 32 || line[first] === 9)) first++;
  let last = line.length - 1;
  while (last > first && (line[last] === 32 || line[last] === 9 || line[last] === 13)) last--;
  return line[first] === 123 && line[last] === 125;
}

/** Longest string value read here (ids and timestamps are far shorter; anything longer is not one). */
const maxValueBytes = 256;
/** String fields JsonFieldSpans steps over, between two it reads, before it searches instead. */
const maxSkippedFields = 2;

/**
 * Finds top-level string fields of a JSON line without parsing the line: produce, ingest and the speed layer only
 * need a key, an event time and a few fields to route and count millions of records, and JSON.parse per record
 * would dominate their cost. Only for plain values (ids, ISO timestamps) without escaped quotes; what this cannot
 * read counts as missing and is left to the validate stage, which parses records properly.
 *
 * A field's value is the text after the first `"name":"` of its first name (then of each older alias in turn)
 * that occurs in the line, up to the next quote, if that is at most maxValueBytes on. As the fields come in the
 * order producers write them, each key is first looked for right after the previous field's value (`","key":"`,
 * stepping over up to two string fields), which costs a few byte comparisons instead of a search, then searched
 * for from there, then from the start of the line. Values come as byte spans, so a caller can parse a timestamp
 * or match a known word without making a string first. A line that holds a key twice may be read at the later
 * occurrence (JSON leaves duplicate keys undefined; the batch layer's validation decides about such a record).
 */
export class JsonFieldSpans {
  private readonly needles: Buffer[][];
  /** Start of each field's value (after its opening quote), or -1 when the field could not be read. */
  readonly starts: Int32Array;
  /** End of each field's value (its closing quote). */
  readonly ends: Int32Array;

  /** `fields`: per field, its name and its older aliases, in the order the producer writes the fields. */
  constructor(readonly fields: ReadonlyArray<readonly string[]>) {
    this.needles = fields.map((names) => names.map((name) => Buffer.from(`"${name}":"`)));
    this.starts = new Int32Array(fields.length);
    this.ends = new Int32Array(fields.length);
  }

  scan(line: Buffer): void {
    let from = 0;
    for (let field = 0; field < this.needles.length; field++) {
      const start = this.locate(line, field, from);
      const end = start === -1 ? -1 : closingQuote(line, start);
      this.starts[field] = end === -1 ? -1 : start;
      this.ends[field] = end;
      if (end !== -1) from = end + 1;
    }
  }

  has(field: number): boolean {
    return this.starts[field]! !== -1;
  }

  /** The field's value as a string (latin1), or null. */
  text(line: Buffer, field: number): string | null {
    const start = this.starts[field]!;
    return start === -1 ? null : line.toString('latin1', start, this.ends[field]);
  }

  private locate(line: Buffer, field: number, from: number): number {
    const names = this.needles[field]!;
    const expected = names[0]!;
    // Where the next key starts: after the object's `{`, or after the previous value's `",`.
    const next = from === 0 ? (line[0] === 123 ? 1 : -1) : line[from] === 44 ? from + 1 : -1;
    // The key right there, or after one or two string fields the caller does not want (an event's user_id sits
    // between its ingested_at and its session_id; its id and type come before its time).
    for (let at = next, skipped = 0; at !== -1; skipped++) {
      if (matchesAt(line, expected, at)) return at + expected.length;
      if (skipped === maxSkippedFields) break;
      const after = skipStringField(line, at);
      at = after !== -1 && line[after] === 44 ? after + 1 : -1;
    }
    if (from > 0) {
      const later = line.indexOf(expected, from);
      if (later !== -1) return later + expected.length;
    }
    for (const needle of names) {
      const at = line.indexOf(needle);
      if (at !== -1) return at + needle.length;
    }
    return -1;
  }
}

/**
 * The end (one past the closing quote) of a `"key":"value"` pair starting at `at`, for a value without a backslash
 * that fits maxValueBytes; -1 for anything else (the caller then searches instead). A bare quote cannot occur inside
 * a JSON string, so no key this skips over can be one the caller looks for.
 */
function skipStringField(line: Buffer, at: number): number {
  if (line[at] !== 34) return -1;
  const keyEnd = closingQuote(line, at + 1);
  if (keyEnd === -1 || line[keyEnd - 1] === 92 || line[keyEnd + 1] !== 58 || line[keyEnd + 2] !== 34)
    return -1;
  const valueEnd = closingQuote(line, keyEnd + 3);
  if (valueEnd === -1 || line[valueEnd - 1] === 92) return -1;
  return valueEnd + 1;
}

function matchesAt(line: Buffer, needle: Buffer, at: number): boolean {
  if (at + needle.length > line.length) return false;
  for (let index = 0; index < needle.length; index++) if (line[at + index] !== needle[index]) return false;
  return true;
}

/** The closing quote of a value that starts at `start`, if it is within maxValueBytes; else -1. */
function closingQuote(line: Buffer, start: number): number {
  const limit = Math.min(line.length, start + maxValueBytes + 1);
  for (let index = start; index < limit; index++) if (line[index] === 34) return index;
  return -1;
}

/**
 * The text of a value that is usually one of a few known words (event types): the word's own string when the
 * bytes are one of them, so counting a million events by type makes no string per event; else a new string.
 */
export class KnownWords {
  private readonly words: Array<{ text: string; bytes: Buffer }>;

  constructor(words: readonly string[]) {
    this.words = words.map((text) => ({ text, bytes: Buffer.from(text, 'latin1') }));
  }

  text(line: Buffer, start: number, end: number): string {
    const length = end - start;
    for (const word of this.words)
      if (word.bytes.length === length && matchesAt(line, word.bytes, start)) return word.text;
    return line.toString('latin1', start, end);
  }
}
