import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const which = process.argv[2]!;
const mod = (await import(which === 'old' ? '../node_modules/.eng5-old/pipeline/services/embedded/event-log/embedded-event-log.ts' : '../pipeline/services/embedded/event-log/embedded-event-log.ts')) as typeof import('../pipeline/services/embedded/event-log/embedded-event-log');
const dir = mkdtempSync(join(tmpdir(), 'cmp-'));
const log = new mod.EmbeddedEventLog({ root: dir, clock: { now: () => 1 } as never });
await log.createTopic({ name: 'b', partitions: 6 });
const value = Buffer.alloc(180, 97);
const n = 1_000_000;
let c0 = process.cpuUsage(); let t0 = performance.now();
for (let p = 0; p < n; p += 10_000) { const batch = []; for (let i = 0; i < 10_000; i++) batch.push({ key: `user-${(p + i) % 50000}`, value }); await log.produce('b', batch); }
const pc = process.cpuUsage(c0); const pw = performance.now() - t0;
const consumer = await log.consumer({ groupId: 'g', topics: ['b'], fromBeginning: true });
c0 = process.cpuUsage(); t0 = performance.now();
let got = 0; while (got < n) got += (await consumer.poll({ maxRecords: 50_000 })).length;
const cc = process.cpuUsage(c0); const cw = performance.now() - t0;
console.log(which, 'produce cpu/s', Math.round(n / ((pc.user + pc.system) / 1e6)), 'wall/s', Math.round(n / (pw / 1000)), 'consume cpu/s', Math.round(n / ((cc.user + cc.system) / 1e6)), 'wall/s', Math.round(n / (cw / 1000)));
await log.close(); rmSync(dir, { recursive: true, force: true });
