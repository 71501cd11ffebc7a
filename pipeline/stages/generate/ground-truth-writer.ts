import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import type { Entity } from '../../contracts/records';
import type { FaultProfile, InjectedFault, LedgerFaultKind } from '../../contracts/faults';
import { OutputFile, type CommittedFile } from './output-file';

/**
 * ground-truth.json, streamed: faults go to a side file as they happen (chaos on 10M events is a million
 * faults), and `commit()` writes the header and copies the faults behind it, one fault per line inside the
 * array, so the file is both valid JSON and easy to grep.
 */
export class GroundTruthWriter {
  private readonly faults: OutputFile;
  private count = 0;
  readonly byKind: Partial<Record<LedgerFaultKind, number>> = {};

  constructor(private readonly path: string) {
    this.faults = new OutputFile(`${path}.faults`, { hash: false });
  }

  get total(): number {
    return this.count;
  }

  record(fault: InjectedFault): void {
    this.faults.writeRow(`${this.count === 0 ? '' : ',\n'}${JSON.stringify(fault)}`);
    this.count++;
    this.byKind[fault.kind] = (this.byKind[fault.kind] ?? 0) + 1;
  }

  async commit(header: {
    seed: number;
    profile: FaultProfile;
    emitted: Record<Entity, number>;
    clean: Record<Entity, number>;
  }): Promise<CommittedFile> {
    await this.faults.close();
    const out = new OutputFile(this.path);
    try {
      const head = JSON.stringify({
        seed: header.seed,
        profile: header.profile,
        emitted: header.emitted,
        clean: header.clean,
      });
      out.writeRaw(`${head.slice(0, -1)},"faults":[\n`);
      const fd = openSync(this.faults.partialPath, 'r');
      try {
        const buffer = Buffer.alloc(1 << 20);
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.length, null);
          if (read === 0) break;
          out.writeRaw(buffer.toString('utf8', 0, read));
        }
      } finally {
        closeSync(fd);
      }
      out.writeRaw('\n]}\n');
      const committed = await out.commit();
      return { ...committed, rows: this.count };
    } catch (error) {
      await out.discard();
      throw error;
    } finally {
      rmSync(this.faults.partialPath, { force: true });
    }
  }

  async discard(): Promise<void> {
    await this.faults.discard();
  }
}
