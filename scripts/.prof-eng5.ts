import { benchmark } from './bench/ingest';
const r = await benchmark.run({ events: Number(process.argv[2] ?? 300000), large: false, tier: 'embedded' } as never);
console.log(JSON.stringify(r));
