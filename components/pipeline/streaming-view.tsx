'use client';

import type { StageRecord } from '@/pipeline/contracts/manifest';
import { fmt } from './console-types';
import { LagChart, type LagPoint } from './lag-chart';
import { servingFlag, type RunWindow } from './serving-flags';
import { ServicesInspection } from './services-inspection';
import { ServingTimeline } from './serving-timeline';
import { useStreamingState } from './use-streaming-state';

interface Props {
  runId: string;
  ingest: StageRecord | undefined;
  /** The run's data window, to flag speed-layer days outside it. */
  runWindow: RunWindow | null;
  version: string;
  /** The run has a job queued or running: poll every second. */
  live: boolean;
}

const cents = (value: number) =>
  (value / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The streaming side of the run: topics and partitions with log-end offsets, consumer groups with committed
 * offsets and lag per partition (live while the run is running), lag over time, and the speed layer's figures
 * beside the batch mart in one serving view.
 */
export function StreamingView({ runId, ingest, runWindow, version, live }: Props) {
  const { state, liveLag } = useStreamingState(runId, version, live);
  const recorded = (
    (ingest?.metrics.lagSamples as Array<{ landed: number; totalLag: number }> | undefined) ?? []
  ).map((sample): LagPoint => ({ x: sample.landed, lag: sample.totalLag }));
  const useLive = liveLag.length > 1 && (live || recorded.length === 0);
  if (!state) return <p className="text-sm text-slate-500">Loading the event log…</p>;
  const { eventLog, speed, serving } = state;
  const speedByDay = new Map(state.speedDaily.map((day) => [day.date, day]));
  return (
    <section aria-label="Streaming" className="grid gap-5" data-tier={state.tier}>
      {state.servicesUnavailable ? (
        <p
          role="alert"
          className="rounded bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {state.servicesUnavailable} Start them with <code>npm run services -- up</code>, or check with{' '}
          <code>npm run doctor</code>.
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h4 className="text-sm font-semibold">
            Topics{' '}
            {live ? (
              <span className="ml-1 rounded bg-sky-100 px-1 text-xs font-normal text-sky-900">live</span>
            ) : null}
          </h4>
          {eventLog.topics.length === 0 ? (
            <p className="text-sm text-slate-500">No topics yet: they appear when the produce stage runs.</p>
          ) : (
            <table className="mt-1 w-full text-xs" aria-label="Topics">
              <thead>
                <tr className="text-left">
                  <th>Topic</th>
                  <th>Partitions</th>
                  <th className="text-right">Log-end offsets</th>
                </tr>
              </thead>
              <tbody>
                {eventLog.topics.map((topic) => (
                  <tr key={topic.topic} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="font-mono">{topic.topic}</td>
                    <td>{topic.partitions.length}</td>
                    <td className="text-right font-mono">
                      {topic.partitions.map((partition) => fmt(partition.logEndOffset)).join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h4 className="text-sm font-semibold">Consumer lag over time</h4>
          {useLive ? (
            <LagChart points={liveLag} xLabel="seconds since you opened this tab (x)" />
          ) : recorded.length > 0 ? (
            <LagChart points={recorded} xLabel="records landed by ingest (x)" />
          ) : (
            <p className="text-sm text-slate-500">Appears while ingest runs.</p>
          )}
        </div>
      </div>

      <div>
        <h4 className="text-sm font-semibold">Consumer groups: committed offset and lag per partition</h4>
        {eventLog.groups.every((group) => group.offsets.length === 0) ? (
          <p className="text-sm text-slate-500">
            No consumer has committed yet: ingest and the speed layer do.
          </p>
        ) : (
          <table className="mt-1 w-full text-xs" aria-label="Lag by partition">
            <thead>
              <tr className="text-left">
                <th>Group</th>
                <th>Topic</th>
                <th>Partition</th>
                <th className="text-right">Committed</th>
                <th className="text-right">Log end</th>
                <th className="text-right">Lag</th>
              </tr>
            </thead>
            <tbody>
              {eventLog.groups.flatMap((group) =>
                group.offsets.map((offset) => (
                  <tr
                    key={`${group.group}-${offset.topic}-${offset.partition}`}
                    data-testid={`lag-${group.group}-${offset.topic}-${offset.partition}`}
                    data-lag={offset.lag}
                    className="border-t border-slate-100 dark:border-slate-800"
                  >
                    <td className="font-mono">{group.group}</td>
                    <td className="font-mono">{offset.topic}</td>
                    <td>{offset.partition}</td>
                    <td className="text-right">{fmt(offset.committed)}</td>
                    <td className="text-right">{fmt(offset.logEndOffset)}</td>
                    <td className={`text-right ${offset.lag > 0 ? 'font-semibold text-amber-700' : ''}`}>
                      {fmt(offset.lag)}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </div>

      <ServicesInspection state={state} />

      <ServingTimeline runId={runId} version={version} />

      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h4 className="text-sm font-semibold">Speed layer: newest minutes</h4>
          {state.speedSource ? (
            <p className="text-xs text-slate-500" data-testid="speed-source">
              State: {state.speedSource}
            </p>
          ) : null}
          {speed === null || speed.minutes.length === 0 ? (
            <p className="text-sm text-slate-500">
              No speed-layer windows yet: the speed layer consumes beside ingest.
            </p>
          ) : (
            <>
              <p className="text-xs text-slate-500">
                Watermark{' '}
                {speed.watermark === null
                  ? '—'
                  : new Date(speed.watermark).toISOString().slice(0, 16).replace('T', ' ')}{' '}
                · {fmt(speed.lateTotal)} late records counted, not added
              </p>
              <table className="mt-1 w-full text-xs" aria-label="Speed layer minutes">
                <thead>
                  <tr className="text-left">
                    <th>Minute (UTC)</th>
                    <th className="text-right">Events</th>
                    <th className="text-right">Orders</th>
                    <th className="text-right">Revenue</th>
                    <th className="text-right">Late</th>
                  </tr>
                </thead>
                <tbody>
                  {speed.minutes.slice(-8).map((minute) => (
                    <tr key={minute.start} className="border-t border-slate-100 dark:border-slate-800">
                      <td>
                        {new Date(minute.start).toISOString().slice(0, 16).replace('T', ' ')}
                        {minute.closed ? '' : ' (open)'}
                      </td>
                      <td className="text-right">{fmt(minute.events)}</td>
                      <td className="text-right">{fmt(minute.orders)}</td>
                      <td className="text-right">{cents(minute.revenueCents)}</td>
                      <td className="text-right">{fmt(minute.late)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
        <div>
          <h4 className="text-sm font-semibold">Serving view: batch mart beside the speed layer</h4>
          <p className="text-xs text-slate-500" data-testid="serving-explainer">
            Days the batch has computed come from mart_daily_revenue (it wins: recomputed from the lake after
            validation and dedupe, late records included); later days from the speed layer. The speed layer
            reads the topics as they were produced, before any validation: it counts every order whatever its
            status, duplicates, and records validate later quarantines (a future timestamp even lands on a day
            after the run&apos;s window), and it drops records that arrive after their minute closed. So its
            figure beside a batch day can be higher or lower; flagged rows say why.
            {state.batchUnavailable ? ` ${state.batchUnavailable}` : ''}
          </p>
          {serving.length === 0 ? (
            <p className="text-sm text-slate-500">No figures yet.</p>
          ) : (
            <table className="mt-1 w-full text-xs" aria-label="Serving view">
              <thead>
                <tr className="text-left">
                  <th>Day</th>
                  <th className="text-right">Orders</th>
                  <th className="text-right">Revenue</th>
                  <th>Source</th>
                  <th className="text-right">Speed layer saw</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {serving.map((day) => {
                  const flag = servingFlag(day, speedByDay.get(day.date), runWindow);
                  return (
                    <tr
                      key={day.date}
                      data-source={day.source}
                      data-flag={flag?.kind ?? 'none'}
                      className="border-t border-slate-100 dark:border-slate-800"
                    >
                      <td>{day.date}</td>
                      <td className="text-right">{fmt(day.orders)}</td>
                      <td className="text-right">{cents(day.revenueCents)}</td>
                      <td>
                        <span
                          className={`rounded px-1 ${day.source === 'batch' ? 'bg-emerald-100 text-emerald-900' : 'bg-sky-100 text-sky-900'}`}
                        >
                          {day.source === 'batch' ? 'batch mart' : 'speed layer'}
                        </span>
                      </td>
                      <td className="text-right text-slate-500">
                        {speedByDay.has(day.date)
                          ? `${fmt(speedByDay.get(day.date)!.orders)} · ${cents(speedByDay.get(day.date)!.revenueCents)}`
                          : '—'}
                      </td>
                      <td
                        className={
                          flag?.kind === 'outside-window'
                            ? 'text-red-700 dark:text-red-300'
                            : 'text-amber-700 dark:text-amber-300'
                        }
                      >
                        {flag?.text ?? ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
