import 'server-only';
import { open } from 'node:fs/promises';

/** Enough bytes for a handful of records even when a line is a long raw payload. */
const defaultMaxBytes = 256 * 1024;

/**
 * The first `limit` records of an NDJSON file, reading at most `maxBytes` from its start: files of a large run
 * are hundreds of MiB and the drawer wants a glance. A line cut off by the byte limit is dropped; a line that is
 * not JSON (a malformed record in the raw zone) comes back as its text.
 */
export async function readNdjsonHead(
  file: string,
  limit: number,
  maxBytes = defaultMaxBytes,
): Promise<Array<Record<string, unknown>>> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    const lines = buffer.toString('utf8', 0, bytesRead).split('\n');
    if (bytesRead < size) lines.pop();
    const records: Array<Record<string, unknown>> = [];
    for (const line of lines) {
      if (records.length >= limit) break;
      if (line.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(line);
        records.push(
          parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
            ? (parsed as Record<string, unknown>)
            : { value: parsed },
        );
      } catch {
        records.push({ line });
      }
    }
    return records;
  } finally {
    await handle.close();
  }
}
