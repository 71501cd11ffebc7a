import { eventTypes } from './records';
import { warehouseTables, type ColumnSpec, type TableSpec } from './warehouse';

/**
 * What the streaming half of a run really did, as warehouse tables: the speed layer's minute windows, the records it
 * counted as late or could not use, and the ingest group's consumer lag as it fell. The ingest stage (which runs the
 * speed layer) writes them into the working warehouse from the speed layer's final snapshot and the lag it sampled;
 * the export stage exports them with the batch tables, so the streaming lessons and challenges query these figures
 * instead of approximating them from fact_events. They come from the speed layer, not from a batch engine, so both
 * engines export the same ones (the cross-engine comparison covers the batch tables of warehouse.ts).
 */
const col = (name: string, type: string, description: string): ColumnSpec => ({ name, type, description });

export interface StreamTableSpec extends TableSpec {
  /**
   * Columns that hold the wall clock (when a sample was taken): the export's checksum of the table leaves them out,
   * so two runs of the same input still have the same outputs (the rows' figures are reproducible, the times not).
   */
  clockColumns: readonly string[];
}

export const streamTables: readonly StreamTableSpec[] = [
  {
    name: 'stream_windows',
    grain: 'one row per one-minute event-time window the speed layer kept (tumbling, UTC)',
    clockColumns: [],
    columns: [
      col('window_start', 'TIMESTAMP', 'start of the minute (inclusive), event time'),
      col('window_end', 'TIMESTAMP', 'window_start + 1 minute (exclusive)'),
      col('events', 'BIGINT', 'events counted in the window (every type, known or not)'),
      ...eventTypes.map((type) => col(type, 'BIGINT', `${type} events counted in the window`)),
      col('other_events', 'BIGINT', 'events of a type outside the six (drifted or broken values)'),
      col(
        'orders',
        'BIGINT',
        'order records counted in the window (every status: the speed layer does not filter)',
      ),
      col('revenue', 'DECIMAL(14,2)', 'sum of those orders’ total'),
      col('active_sessions', 'BIGINT', 'distinct session ids with an event in the window'),
      col('late', 'BIGINT', 'records that arrived after the window closed: counted here, never added'),
      col('closed_by', 'VARCHAR', 'watermark (it passed window_end) | end_of_input (everything consumed)'),
      col(
        'closed_at_watermark',
        'TIMESTAMP',
        'the watermark (event time) when the window closed; null if none had formed yet',
      ),
    ],
  },
  {
    name: 'stream_rejects',
    grain:
      'one row per window with late records (reason late), and per partition and reason for records the speed layer could not use',
    clockColumns: [],
    columns: [
      col(
        'reason',
        'VARCHAR',
        'late | no_event_time | event_after_received (more than a minute after ingested_at) | unreadable_order',
      ),
      col(
        'window_start',
        'TIMESTAMP',
        'the closed window a late record belonged to; null for the other reasons',
      ),
      col(
        'topic',
        'VARCHAR',
        'events | orders for an unusable record; null for late ones (counted per window)',
      ),
      col('partition', 'INTEGER', 'the partition it was read from; null for late ones'),
      col('records', 'BIGINT', 'how many'),
    ],
  },
  {
    name: 'stream_consumer_lag',
    grain:
      'one row per partition per lag sample of the ingest group (before the first window, after each landed window), then each group’s final lag',
    clockColumns: ['sampled_at'],
    columns: [
      col(
        'sample_no',
        'INTEGER',
        '0 = before the first window, 1, 2, … after each landed window; the final rows last',
      ),
      col('sampled_at', 'TIMESTAMP', 'wall-clock time the lag was read (differs on every run)'),
      col('consumer_group', 'VARCHAR', 'ingest-raw | speed-layer (the speed layer only in the final rows)'),
      col('topic', 'VARCHAR', ''),
      col('partition', 'INTEGER', ''),
      col('lag', 'BIGINT', 'log end offset − committed offset: records not yet consumed'),
      col('records_landed', 'BIGINT', 'records the ingest had landed when sampled; null for the speed layer'),
      col('is_final', 'BOOLEAN', 'the lag when the stage finished (the manifest’s finalLag for ingest-raw)'),
    ],
  },
];

/** Every table the export stage writes: the batch tables, then the stream tables. */
export const curatedTables: readonly TableSpec[] = [...warehouseTables, ...streamTables];
