import 'server-only';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeBatch, isDecodeProblem, readBatch, type BatchHeader, type StoredRecord } from '@/pipeline/services/embedded/event-log/record-codec';

/**
 * Read-only views of one partition folder of the embedded event log (pipeline/services/embedded/event-log/):
 * `<20-digit base offset>.log` segments of `length · crc32 · body` record batches, each with a sparse `.index` of
 * (u32 relative base offset, u32 byte position) pairs. Opening a PartitionLog would recover (truncate) the active
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

/**
 * Visits whole, verified batches from `position` on, reading at most `maxBytes` (more when a single batch is
 * larger, up to the batch limit); stops at a torn or still-being-written tail.
 */
async function scan(logFile: string, position: number, maxBytes: number, onBatch: (buffer: Buffer, batch: BatchHeader) => boolean): Promise<void> {
  const handle = await open(logFile, 'r');
  try {
    const size = (await handle.stat()).size;
    let wanted = maxBytes;
    for (;;) {
      const length = Math.max(0, Math.min(size - position, wanted));
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, position);
      let cursor = 0;
      for (;;) {
        const batch = readBatch(buffer, cursor, length);
        if (isDecodeProblem(batch)) {
          // The first batch alone is larger than what was read: read it whole once, if the file holds it.
          if (batch.kind === 'incomplete' && cursor === 0 && batch.needed > wanted && batch.needed <= size - position && batch.needed <= maxBatchRead) {
            wanted = batch.needed;
            break;
          }
          return;
        }
        if (!onBatch(buffer, batch)) return;
        cursor = batch.end;
      }
    }
  } finally {
    await handle.close();
  }
}

/** A produce call's batch is a few MiB at most; the console never reads more than this at once. */
const maxBatchRead = 64 * 1024 * 1024;

/** The next offset the partition would write (Kafka's log-end offset); 0 for an empty or missing partition. */
export async function logEndOffset(partitionDir: string): Promise<number> {
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
  await scan(logFile, start.position, maxScanBytes, (_buffer, batch) => {
    end = batch.baseOffset + batch.count;
    return true;
  });
  return end;
}

/** The first `limit` records of the partition's oldest segment, read from at most `maxBytes` of it. */
export async function firstRecords(partitionDir: string, origin: { topic: string; partition: number }, limit: number, maxBytes = 256 * 1024): Promise<StoredRecord[]> {
  const base = (await segmentBases(partitionDir))[0];
  if (base === undefined) return [];
  const records: StoredRecord[] = [];
  await scan(path.join(partitionDir, `${pad(base)}.log`), 0, maxBytes, (buffer, batch) => {
    try {
      decodeBatch(buffer, batch, origin, batch.baseOffset, limit - records.length, records);
    } catch {
      return false; // a damaged batch: show what came before it
    }
    return records.length < limit;
  });
  return records;
}
