import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../../../contracts/errors';

const committedSchema = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));
type Committed = z.infer<typeof committedSchema>;

/**
 * Committed offsets per consumer group, one JSON file per group (the embedded `__consumer_offsets`).
 * Written with write-temp, fsync, rename: a process killed mid-commit leaves the previous commit intact.
 */
export class OffsetStore {
  private readonly dir: string;
  private readonly cache = new Map<string, Committed>();

  constructor(root: string, options: { readOnly?: boolean } = {}) {
    this.dir = join(root, '__consumer_offsets');
    if (!options.readOnly) mkdirSync(this.dir, { recursive: true });
  }

  /** Groups with a committed-offsets file, by name. */
  groups(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => decodeURIComponent(name.slice(0, -'.json'.length)))
      .sort();
  }

  private file(groupId: string): string {
    return join(this.dir, `${encodeURIComponent(groupId)}.json`);
  }

  private load(groupId: string): Committed {
    const cached = this.cache.get(groupId);
    if (cached) return cached;
    const file = this.file(groupId);
    let committed: Committed = {};
    if (existsSync(file)) {
      const parsed = committedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success)
        throw new PipelineError('CORRUPT_DATA', `Committed offsets in ${file} do not match their schema.`);
      committed = parsed.data;
    }
    this.cache.set(groupId, committed);
    return committed;
  }

  /** Every committed offset of a group, per topic and partition (a copy). */
  committed(groupId: string): Record<string, Record<string, number>> {
    return structuredClone(this.load(groupId));
  }

  get(groupId: string, topic: string, partition: number): number | undefined {
    return this.load(groupId)[topic]?.[String(partition)];
  }

  /** Drops a deleted topic's offsets from every group, so a re-created topic starts from the beginning. */
  forgetTopic(topic: string): void {
    for (const name of readdirSync(this.dir).filter((file) => file.endsWith('.json'))) {
      const groupId = decodeURIComponent(name.slice(0, -'.json'.length));
      const committed = this.load(groupId);
      if (!(topic in committed)) continue;
      const rest = { ...committed };
      delete rest[topic];
      this.write(groupId, rest);
    }
  }

  commit(groupId: string, offsets: Array<{ topic: string; partition: number; offset: number }>): void {
    const committed = structuredClone(this.load(groupId));
    for (const { topic, partition, offset } of offsets) {
      committed[topic] ??= {};
      committed[topic][String(partition)] = offset;
    }
    this.write(groupId, committed);
  }

  private write(groupId: string, committed: Committed): void {
    const file = this.file(groupId);
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w');
    writeSync(fd, JSON.stringify(committed));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, file);
    this.cache.set(groupId, committed);
  }
}
