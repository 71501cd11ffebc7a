/**
 * Reads one top-level string field from a JSON line without parsing the whole line: the produce and ingest
 * stages only need a key and an event time to route millions of records, and JSON.parse per record would
 * dominate their cost. Only for plain values (ids, ISO timestamps) that contain no escaped quotes; anything
 * this cannot read is treated as missing and left for the validate stage, which parses records properly.
 */
export class JsonFieldReader {
  private readonly needles: Buffer[];

  /** `names`: the field and its older aliases, tried in order. */
  constructor(names: readonly string[]) {
    this.needles = names.map((name) => Buffer.from(`"${name}":"`));
  }

  read(line: Buffer): string | null {
    for (const needle of this.needles) {
      const at = line.indexOf(needle);
      if (at === -1) continue;
      const start = at + needle.length;
      const end = line.indexOf(34, start); // the closing quote
      if (end === -1 || end - start > 256) return null;
      return line.toString('latin1', start, end);
    }
    return null;
  }
}

/** A line that at least looks like one JSON object (cheap structural check before routing it). */
export function looksLikeJsonObject(line: Buffer): boolean {
  let first = 0;
  while (first < line.length && (line[first] === 32 || line[first] === 9)) first++;
  let last = line.length - 1;
  while (last > first && (line[last] === 32 || line[last] === 9 || line[last] === 13)) last--;
  return line[first] === 123 && line[last] === 125;
}
