'use client';

import { useState } from 'react';
import { partitionForKey } from '@/pipeline/core/murmur2';

/** Type a key, see the partition Kafka's default partitioner (and this pipeline) puts it on. */
export function PartitionExplorer({ partitions: initial = 6 }: { partitions?: number }) {
  const [key, setKey] = useState('user-42');
  const [partitions, setPartitions] = useState(initial);
  const partition = key.length > 0 ? partitionForKey(key, partitions) : null;
  return (
    <section
      className="my-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      aria-label="Partition explorer"
    >
      <p className="text-sm font-semibold">Partition explorer</p>
      <div className="mt-3 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          Key
          <input
            value={key}
            onChange={(event) => setKey(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
        <label className="flex flex-col gap-1">
          Partitions
          <input
            type="number"
            min={1}
            max={64}
            value={partitions}
            onChange={(event) => setPartitions(Math.min(64, Math.max(1, Number(event.target.value) || 1)))}
            className="w-20 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
          />
        </label>
      </div>
      <ol className="mt-4 flex flex-wrap gap-2" aria-label="Partitions">
        {Array.from({ length: partitions }, (_, index) => (
          <li
            key={index}
            aria-current={index === partition ? 'true' : undefined}
            className={`rounded px-3 py-2 font-mono text-xs ${index === partition ? 'bg-brand-600 text-white' : 'bg-slate-100 dark:bg-slate-800'}`}
          >
            P{index}
          </li>
        ))}
      </ol>
      <p className="mt-3 text-sm" role="status">
        {partition === null
          ? 'Type a key.'
          : `toPositive(murmur2("${key}")) % ${partitions} = partition ${partition}`}
      </p>
    </section>
  );
}
