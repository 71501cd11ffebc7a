/**
 * ISO-8601 UTC formatting with milliseconds (`2025-08-24T13:05:09.123Z`) without allocating a Date per call:
 * the generator formats two timestamps per event, and `new Date(ms).toISOString()` dominated the profile.
 */
const DAY_MS = 86_400_000;
const pad2 = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));
const dayPrefixCache = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixCache.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    // Bounded in practice (the window is at most 365 days plus the few future days faults use).
    if (dayPrefixCache.size > 4096) dayPrefixCache.clear();
    dayPrefixCache.set(day, prefix);
  }
  return prefix;
}

export function formatIso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${dayPrefix(day)}${pad2[hours]}:${pad2[minutes]}:${pad2[seconds]}.${pad3[millis]}Z`;
}

/** Milliseconds since the epoch of an ISO date (`YYYY-MM-DD`) at 00:00 UTC. */
export function parseIsoDate(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`);
}

export { DAY_MS };
