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
/** Bytes read at a time when scanning for the end (the writer indexes every batch start, so the scan is short). */
const scanWindowBytes = 8 * 1024 * 1024;

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

/** Why a scan stopped before the end of the file: a torn tail is normal (a writer mid-append), the rest is not. */
export type ScanStop = 'end' | 'torn-tail' | 'stopped' | { unreadable: string };

/**
 * Visits whole, verified batches from `position` to the end of the file, reading at most `windowBytes` at a time
 * (more when a single batch is larger, up to the batch limit); stops at a torn or still-being-written tail, at a
 * batch it cannot read, or when `onBatch` returns false.
 */
async function scan(logFile: string, position: number, windowBytes: number, onBatch: (buffer: Buffer, batch: BatchHeader) => boolean): Promise<ScanStop> {
  const handle = await open(logFile, 'r');
  try {
    const size = (await handle.stat()).size;
    let wanted = windowBytes;
    while (position < size) {
      const length = Math.min(size - position, wanted);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, position);
      let cursor = 0;
      for (;;) {
        const batch = readBatch(buffer, cursor, length);
        if (isDecodeProblem(batch)) {
          if (batch.kind === 'corrupt') return batch.unsupportedFormat ? { unreadable: batch.reason } : 'torn-tail';
          // The next batch runs past this window: read on from it, in a window that holds it whole.
          const fits = batch.needed <= size - position - cursor;
          if (!fits || batch.needed > maxBatchRead) return 'torn-tail';
          if (cursor === 0 && batch.needed <= wanted) return 'torn-tail';
          wanted = Math.max(windowBytes, batch.needed);
          break;
        }
        if (!onBatch(buffer, batch)) return 'stopped';
        cursor = batch.end;
        if (cursor === length) break;
      }
      position += cursor;
    }
    return 'end';
  } finally {
    await handle.close();
  }
}

/** A produce call's batch is a few MiB at most; the console never reads more than this at once. */
const maxBatchRead = 64 * 1024 * 1024;

/**
 * The next offset the partition would write (Kafka's log-end offset; 0 for an empty or missing partition), and why
 * the partition cannot be read when its last segment is in a format this version does not read.
 */
export async function partitionEnd(partitionDir: string): Promise<{ logEndOffset: number; unreadable?: string }> {
  const bases = await segmentBases(partitionDir);
  const base = bases.at(-1);
  if (base === undefined) return { logEndOffset: 0 };
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
  const stop = await scan(logFile, start.position, scanWindowBytes, (_buffer, batch) => {
    end = batch.baseOffset + batch.count;
    return true;
  });
  return typeof stop === 'object' ? { logEndOffset: end, unreadable: stop.unreadable } : { logEndOffset: end };
}

/**
 * The first `limit` records of the partition's oldest segment (reading `windowBytes` at a time), and why no
 * records could be read when the segment is in a format this version does not read.
 */
export async function firstRecords(
  partitionDir: string,
  origin: { topic: string; partition: number },
  limit: number,
  windowBytes = 256 * 1024,
): Promise<{ records: StoredRecord[]; unreadable?: string }> {
  const base = (await segmentBases(partitionDir))[0];
  if (base === undefined) return { records: [] };
  const records: StoredRecord[] = [];
  const stop = await scan(path.join(partitionDir, `${pad(base)}.log`), 0, windowBytes, (buffer, batch) => {
    try {
      decodeBatch(buffer, batch, origin, batch.baseOffset, limit - records.length, records);
    } catch {
      return false; // a damaged batch: show what came before it
    }
    return records.length < limit;
  });
  return typeof stop === 'object' ? { records, unreadable: stop.unreadable } : { records };
}
