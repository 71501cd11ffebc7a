import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PipelineError } from '../../../contracts/errors';
import type { Manifest } from '../../../contracts/manifest';
import { createRandom, hashString } from '../../../core/random';
import { sqlString } from '../../../stages/sql-files';
import { icebergName, type RunLakehouse } from './iceberg-catalog';
import { snapshots, tableFiles, type SnapshotRow, type TableFiles } from './iceberg-inspect';
import { dayChanges, type CurrentUser, type UserChange } from './user-changes';

/**
 * The incremental run over a later day: that day's user profile changes land in the raw zone
 * (lake/raw/users/event_date=<day>/), then one MERGE INTO maintains dim_user's SCD type 2 history in the Iceberg
 * table: each changed user's current row is closed (valid_to = the change's time, is_current = false) and the new
 * version is inserted as the current row. One MERGE is one commit: one new snapshot, all or nothing.
 */
export interface IncrementalReport {
  day: string;
  rawFile: string;
  changedUsers: number;
  changes: Record<UserChange['kind'], number>;
  /** One changed user, to follow in the lesson and the test: their versions before and after. */
  example: { userId: string; kind: UserChange['kind']; fromVersion: number; toVersion: number };
  snapshotBefore: string;
  snapshot: SnapshotRow;
  rowsBefore: number;
  rowsAfter: number;
  filesBefore: TableFiles;
  filesAfter: TableFiles;
  durationMs: number;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The generator's rate (15 % of users change, a fifth of them twice, over the window), at least 5 a day. */
export function defaultChangeCount(currentUsers: number, days: number): number {
  return Math.min(currentUsers, Math.max(5, Math.round((currentUsers * 0.18) / Math.max(1, days))));
}

function windowEnd(manifest: Manifest): string {
  const end = new Date(
    Date.parse(`${manifest.config.startDate}T00:00:00.000Z`) + manifest.config.days * 86_400_000,
  );
  return end.toISOString().slice(0, 10);
}

const userColumns =
  'user_id, version, email, first_name, last_name, birth_year, country, city, segment, loyalty_tier, preferred_categories, marketing_opt_in, signup_ts';

export async function runIncrementalDay(
  lakehouse: RunLakehouse,
  manifest: Manifest,
  day: string,
  options: { changes?: number } = {},
): Promise<IncrementalReport> {
  if (!dayPattern.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new PipelineError('INVALID_ARGUMENT', `--day must be a date YYYY-MM-DD (got "${day}")`);
  const firstDay = windowEnd(manifest);
  if (day < firstDay) {
    throw new PipelineError(
      'INVALID_ARGUMENT',
      `--day ${day} is inside the run's window (${manifest.config.startDate} to the day before ${firstDay}): an incremental run loads a later day, ${firstDay} or after.`,
    );
  }
  const started = performance.now();
  const table = icebergName('dim_user');
  const [state] = await lakehouse.rows<{
    newest: string;
    current_users: number;
    rows: number;
    max_sk: number;
  }>(
    `SELECT CAST(max(valid_from) AS STRING) AS newest, count_if(is_current) AS current_users, count(*) AS rows,
            max(user_sk) AS max_sk FROM ${table}`,
    'reading dim_user before the incremental run',
  );
  if (!state || state.rows === 0)
    throw new PipelineError(
      'CONFLICT',
      `${table} is empty: write the lakehouse first (npm run pipeline -- lakehouse init --run …).`,
    );
  if (state.newest.slice(0, 10) >= day) {
    throw new PipelineError(
      'CONFLICT',
      `dim_user already has versions from ${state.newest.slice(0, 10)}: an incremental day must come after the newest loaded day (each day loads once).`,
    );
  }
  const wanted = options.changes ?? defaultChangeCount(Number(state.current_users), manifest.config.days);
  // The day's changed users: a hash of (user, day, seed) orders them, so the same run and day pick the same users.
  const current = await lakehouse.rows<Record<string, unknown>>(
    `SELECT ${userColumns.replace('signup_ts', "date_format(signup_ts, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\") AS signup_ts")}
     FROM ${table} WHERE is_current
     ORDER BY xxhash64(user_id, ${sqlString(day)}, ${manifest.config.seed}), user_id LIMIT ${Math.max(1, Math.floor(wanted))}`,
    'choosing the day’s changed users',
  );
  const random = createRandom(hashString(`lakehouse-incremental ${manifest.config.seed} ${day}`));
  const changes = dayChanges(current as unknown as CurrentUser[], day, random);

  // The day lands in the raw zone like an ingested partition (written whole, then renamed).
  const rawFile = join(
    lakehouse.runDir,
    'lake',
    'raw',
    'users',
    `event_date=${day}`,
    `part-incremental-${day}.ndjson`,
  );
  await mkdir(dirname(rawFile), { recursive: true });
  await writeFile(
    `${rawFile}.partial`,
    changes.map((change) => `${JSON.stringify(change.record)}\n`).join(''),
  );
  await rename(`${rawFile}.partial`, rawFile);

  const snapshotBefore = (await snapshots(lakehouse, 'dim_user')).at(-1)?.snapshotId ?? '';
  const filesBefore = await tableFiles(lakehouse, 'dim_user');
  await lakehouse.sql(
    `CREATE OR REPLACE TEMPORARY VIEW lakehouse_user_changes AS
     SELECT CAST(${Number(state.max_sk)} + row_number() OVER (ORDER BY updated_at, user_id) AS BIGINT) AS user_sk,
            user_id, CAST(version AS INT) AS version, email, first_name, last_name, CAST(birth_year AS INT) AS birth_year,
            country, city, segment, loyalty_tier, CAST(marketing_opt_in AS BOOLEAN) AS marketing_opt_in,
            CAST(to_timestamp_ltz(signup_ts) AS TIMESTAMP_NTZ) AS signup_ts,
            CAST(to_timestamp_ltz(updated_at) AS TIMESTAMP_NTZ) AS valid_from,
            TIMESTAMP_NTZ '9999-12-31 00:00:00' AS valid_to, true AS is_current,
            CAST(preferred_categories AS ARRAY<STRING>) AS preferred_categories, CAST(NULL AS STRING) AS extra
     FROM json.\`${rawFile}\``,
    { label: `reading the raw users of ${day}` },
  );
  // The SCD2 MERGE: every change appears twice in the source. Keyed by user_id it matches the user's current row,
  // which is closed; with a null key it never matches, so it is inserted as the new current version. (A brand-new
  // user has no current row: the keyed copy matches nothing and is skipped, the null-keyed copy is inserted.)
  await lakehouse.sql(
    `MERGE INTO ${table} AS target
     USING (SELECT user_id AS merge_key, * FROM lakehouse_user_changes
            UNION ALL
            SELECT CAST(NULL AS STRING) AS merge_key, * FROM lakehouse_user_changes) AS source
     ON target.user_id = source.merge_key AND target.is_current
     WHEN MATCHED THEN UPDATE SET valid_to = source.valid_from, is_current = false
     WHEN NOT MATCHED AND source.merge_key IS NULL THEN INSERT
       (user_sk, user_id, version, email, first_name, last_name, birth_year, country, city, segment, loyalty_tier,
        marketing_opt_in, signup_ts, valid_from, valid_to, is_current, preferred_categories, extra)
     VALUES (source.user_sk, source.user_id, source.version, source.email, source.first_name, source.last_name,
        source.birth_year, source.country, source.city, source.segment, source.loyalty_tier, source.marketing_opt_in,
        source.signup_ts, source.valid_from, source.valid_to, source.is_current, source.preferred_categories,
        source.extra)`,
    { label: `merging the user changes of ${day} into ${table}` },
  );
  const [after] = await lakehouse.rows<{ rows: number }>(
    `SELECT count(*) AS rows FROM ${table}`,
    'counting dim_user',
  );
  const snapshot = (await snapshots(lakehouse, 'dim_user')).at(-1);
  if (!snapshot || snapshot.snapshotId === snapshotBefore)
    throw new PipelineError('INTERNAL', `The MERGE into ${table} made no new snapshot.`);
  const counts: Record<UserChange['kind'], number> = { tier: 0, move: 0, opt: 0 };
  for (const change of changes) counts[change.kind] += 1;
  const first = changes[0]!;
  return {
    day,
    rawFile,
    changedUsers: changes.length,
    changes: counts,
    example: {
      userId: first.record.user_id,
      kind: first.kind,
      fromVersion: first.record.version - 1,
      toVersion: first.record.version,
    },
    snapshotBefore,
    snapshot,
    rowsBefore: Number(state.rows),
    rowsAfter: Number(after?.rows ?? 0),
    filesBefore,
    filesAfter: await tableFiles(lakehouse, 'dim_user'),
    durationMs: Math.round(performance.now() - started),
  };
}
