import 'server-only';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeRecord, isDecodeProblem, recordEnd, type StoredRecord } from '@/pipeline/services/embedded/event-log/record-codec';

/**
 * Read-only views of one partition folder of the embedded event log (pipeline/services/embedded/event-log/):
 * `<20-digit base offset>.log` segments of `length · crc32 · body` records, each with a sparse `.index` of
 * (u32 relative offset, u32 byte position) pairs. Opening a PartitionLog would recover (truncate) the active
 * segment, which only the writer may do, so the console reads the files itself and never writes.
 */
const segmentPattern = /^(\d{20})\.log$/;
/** The writer adds an index entry every 64 KiB, so the scan after the last entry is short; this caps it anyway. */
const maxScanBytes = 8 * 1024 * 1024;

async function segmentBases(partitionDir: string): Promise<number[]> {
  const names = await readdir(partitionDir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const match = segmentPattern.exec(name);
    return match ? [Number(match[1])] : [];
  }).sort((a, b) => a - b);
}

const pad = (offset: number) => String(offset).padStart(20, '0');

/** Offset and byte position of the last index entry (the scan for the end starts there). */
async function lastIndexEntry(indexFile: string, baseOffset: number, logSize: number): Promise<{ offset: number; position: number }> {
  const bytes = await readFile(indexFile).catch(() => Buffer.alloc(0));
  for (let at = Math.floor(bytes.length / 8) * 8 - 8; at >= 0; at -= 8) {
    const position = bytes.readUInt32LE(at + 4);
    // An entry past the end of the log belongs to bytes a crashed writer never finished: skip it.
    if (position < logSize) return { offset: baseOffset + bytes.readUInt32LE(at), position };
  }
  return { offset: baseOffset, position: 0 };
}

/** Decodes whole records from `position` on, up to `maxBytes`; stops at a torn or still-being-written tail. */
async function scan(logFile: string, position: number, maxBytes: number, origin: { topic: string; partition: number }, onRecord: (record: StoredRecord) => boolean): Promise<void> {
  const handle = await open(logFile, 'r');
  try {
    const size = (await handle.stat()).size;
    const length = Math.max(0, Math.min(size - position, maxBytes));
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, position);
    let cursor = 0;
    for (;;) {
      const result = decodeRecord(buffer, cursor, length, origin);
      if (isDecodeProblem(result)) return;
      if (!onRecord(result)) return;
      cursor = recordEnd(buffer, cursor);
    }
  } finally {
    await handle.close();
  }
}

/** The next offset the partition would write (Kafka's log-end offset); 0 for an empty or missing partition. */
export async function logEndOffset(partitionDir: string, origin: { topic: string; partition: number }): Promise<number> {
  const bases = await segmentBases(partitionDir);
  const base = bases.at(-1);
  if (base === undefined) return 0;
  const logFile = path.join(partitionDir, `${pad(base)}.log`);
  const size = await open(logFile, 'r').then(async (handle) => {
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  }, () => 0);
  const start = await lastIndexEntry(path.join(partitionDir, `${pad(base)}.index`), base, size);
  let end = start.offset;
  await scan(logFile, start.position, maxScanBytes, origin, (record) => {
    end = record.offset + 1;
    return true;
  });
  return end;
}

/** The first `limit` records of the partition's oldest segment, read from at most `maxBytes` of it. */
export async function firstRecords(partitionDir: string, origin: { topic: string; partition: number }, limit: number, maxBytes = 256 * 1024): Promise<StoredRecord[]> {
  const base = (await segmentBases(partitionDir))[0];
  if (base === undefined) return [];
  const records: StoredRecord[] = [];
  await scan(path.join(partitionDir, `${pad(base)}.log`), 0, maxBytes, origin, (record) => {
    records.push(record);
    return records.length < limit;
  });
  return records;
}
