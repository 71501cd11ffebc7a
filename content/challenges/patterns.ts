import type { Challenge } from '@/content/schema/challenge';

/** The patterns interview loops return to: gaps and islands, sessionization, keeping the latest version, point-in-time SCD2. */
export const patternChallenges: Challenge[] = [
  {
    id: 'inactive-day-gaps',
    title: 'Gaps between active days',
    difficulty: 'hard',
    topics: ['gaps-and-islands', 'window-functions', 'lead'],
    statement:
      'A user is active on a day (UTC date of event_ts) with at least one event. Return every gap of 2 or more inactive days between two active days of the same user: user_id, the first inactive day, the last inactive day and the number of inactive days.',
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'gap_start', description: 'DATE: the day after an active day' },
      { name: 'gap_end', description: 'DATE: the day before the next active day' },
      { name: 'days', description: 'inactive days, 2 or more' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH active AS (
  SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events
), paired AS (
  SELECT user_id, day, LEAD(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day
  FROM active
)
SELECT user_id, day + 1 AS gap_start, next_day - 1 AS gap_end, next_day - day - 1 AS days
FROM paired
WHERE next_day - day - 1 >= 2`,
    explanation:
      'Gaps are the complement of islands: pair each active day with the next one (LEAD over the distinct days of the user) and keep the pairs that are more than one day apart. Subtracting two DATEs in DuckDB gives whole days, and DATE + INTEGER is a DATE. The last active day has no next day (LEAD is NULL), so it never opens a gap: a gap needs activity on both sides.',
    hints: [
      'Reduce to distinct (user, day) pairs first, then look at the next active day of the same user.',
      'LEAD(day) OVER (PARTITION BY user_id ORDER BY day) is the next active day.',
      'Inactive days between day and next_day: next_day − day − 1; the gap runs from day + 1 to next_day − 1.',
    ],
    lessons: ['stream-processing', 'data-quality'],
    wrongAnswers: [
      {
        mistake: 'Keeps one-day gaps too',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events), p AS (SELECT user_id, day, LEAD(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day FROM a)
SELECT user_id, day + 1, next_day - 1, next_day - day - 1 FROM p WHERE next_day - day - 1 >= 1`,
        expected: 'extra_rows',
      },
      {
        mistake: 'Counts the distance between active days, not the inactive days between them',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events), p AS (SELECT user_id, day, LEAD(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day FROM a)
SELECT user_id, day + 1, next_day - 1, next_day - day FROM p WHERE next_day - day - 1 >= 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'LEAD without PARTITION BY pairs a user with the next user',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events), p AS (SELECT user_id, day, LEAD(day) OVER (ORDER BY user_id, day) AS next_day FROM a)
SELECT user_id, day + 1, next_day - 1, next_day - day - 1 FROM p WHERE next_day - day - 1 >= 2`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'busy-hour-periods',
    title: 'Busy periods of consecutive hours',
    difficulty: 'hard',
    topics: ['gaps-and-islands', 'window-functions', 'percentiles'],
    statement:
      "Count events per hour (DATE_TRUNC('hour', event_ts), hours with events only). An hour is busy when its count is above the median of those hourly counts (continuous median). Consecutive busy hours form a busy period; an hour that is not busy, or has no events, ends it. Return every busy period of at least 3 hours: its first hour, its last hour, the number of hours and the events in it.",
    expectedColumns: [
      { name: 'period_start', description: 'TIMESTAMP, first busy hour' },
      { name: 'period_end', description: 'TIMESTAMP, last busy hour' },
      { name: 'hours', description: '3 or more' },
      { name: 'events', description: 'events in the period' },
    ],
    ordered: false,
    solution: `WITH hourly AS (
  SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events
  FROM fact_events
  GROUP BY 1
), busy AS (
  SELECT hour, events FROM hourly WHERE events > (SELECT MEDIAN(events) FROM hourly)
), islands AS (
  SELECT hour, events, hour - TO_HOURS(ROW_NUMBER() OVER (ORDER BY hour)) AS island
  FROM busy
)
SELECT MIN(hour) AS period_start, MAX(hour) AS period_end, COUNT(*) AS hours, SUM(events) AS events
FROM islands
GROUP BY island
HAVING COUNT(*) >= 3`,
    explanation:
      'The same island trick as for days, in hours: within a run of consecutive busy hours, hour minus (row number) hours is constant. Number only the busy hours (filter first, then ROW_NUMBER), or the idle hours between runs shift the numbering and merge nothing. The median, unlike the mean, is not pulled up by the evening peaks, so "busy" means the busier half of the hours.',
    hints: [
      'Three steps: hourly counts, keep the busy hours, then label runs of consecutive hours.',
      'hour − TO_HOURS(ROW_NUMBER() OVER (ORDER BY hour)) is the same for every hour of a run.',
      'GROUP BY that label, HAVING COUNT(*) >= 3; the threshold is MEDIAN(events) over the hourly counts.',
    ],
    lessons: ['stream-processing', 'production-readiness'],
    wrongAnswers: [
      {
        mistake: 'Mean instead of median as the threshold',
        sql: `WITH h AS (SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events FROM fact_events GROUP BY 1), b AS (SELECT * FROM h WHERE events > (SELECT AVG(events) FROM h)), i AS (SELECT hour, events, hour - TO_HOURS(ROW_NUMBER() OVER (ORDER BY hour)) AS island FROM b)
SELECT MIN(hour), MAX(hour), COUNT(*), SUM(events) FROM i GROUP BY island HAVING COUNT(*) >= 3`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Keeps periods of 2 hours',
        sql: `WITH h AS (SELECT DATE_TRUNC('hour', event_ts) AS hour, COUNT(*) AS events FROM fact_events GROUP BY 1), b AS (SELECT * FROM h WHERE events > (SELECT MEDIAN(events) FROM h)), i AS (SELECT hour, events, hour - TO_HOURS(ROW_NUMBER() OVER (ORDER BY hour)) AS island FROM b)
SELECT MIN(hour), MAX(hour), COUNT(*), SUM(events) FROM i GROUP BY island HAVING COUNT(*) >= 2`,
        expected: 'extra_rows',
      },
    ],
  },
  {
    id: 'device-runs',
    title: 'Runs of events on one device',
    difficulty: 'hard',
    topics: ['gaps-and-islands', 'window-functions', 'running-total'],
    statement:
      "Order each user's events by event_ts, then event_id. A run is a maximal sequence of consecutive events of the user on the same device. Number each user's runs 1, 2, … in time order and return, for every run: user_id, the run number, the device, the first and last event_ts of the run and its number of events.",
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'run_no', description: '1, 2, … per user' },
      { name: 'device', description: '' },
      { name: 'run_start', description: 'TIMESTAMP' },
      { name: 'run_end', description: 'TIMESTAMP' },
      { name: 'events', description: '' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH flagged AS (
  SELECT user_id, device, event_ts, event_id,
         CASE WHEN device = LAG(device) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) THEN 0 ELSE 1 END AS starts_run
  FROM fact_events
), numbered AS (
  SELECT *, SUM(starts_run) OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS run_no
  FROM flagged
)
SELECT user_id, run_no, device, MIN(event_ts) AS run_start, MAX(event_ts) AS run_end, COUNT(*) AS events
FROM numbered
GROUP BY user_id, run_no, device`,
    explanation:
      "Islands by value change: flag the rows where the value differs from the previous row (the first row compares with NULL, and CASE sends NULL to ELSE, so it starts a run), then a running SUM of the flags numbers the runs. Grouping by (user, device) alone would merge a user's separate mobile runs into one. The same pattern finds status flaps, price changes and repeated states in CDC streams.",
    hints: [
      "Compare each event's device with the previous event of the same user.",
      'Flag a run start with CASE WHEN device = LAG(device) OVER (…) THEN 0 ELSE 1 END.',
      'A running SUM of the flags (ROWS UNBOUNDED PRECEDING, same order) is the run number; group by it.',
    ],
    lessons: ['stream-processing', 'ingestion-patterns-cdc'],
    wrongAnswers: [
      {
        mistake: 'Groups by user and device: separate runs on the same device merge',
        sql: `SELECT user_id, DENSE_RANK() OVER (PARTITION BY user_id ORDER BY MIN(event_ts)), device, MIN(event_ts), MAX(event_ts), COUNT(*) FROM fact_events GROUP BY user_id, device`,
        expected: 'missing_rows',
      },
      {
        mistake: "The running sum has no ORDER BY, so every row gets the user's total",
        sql: `WITH f AS (SELECT user_id, device, event_ts, event_id, CASE WHEN device = LAG(device) OVER (PARTITION BY user_id ORDER BY event_ts, event_id) THEN 0 ELSE 1 END AS s FROM fact_events), n AS (SELECT *, SUM(s) OVER (PARTITION BY user_id) AS run_no FROM f)
SELECT user_id, run_no, device, MIN(event_ts), MAX(event_ts), COUNT(*) FROM n GROUP BY ALL`,
        expected: 'missing_rows',
      },
    ],
  },
  {
    id: 'derived-vs-source-sessions',
    title: 'Derived sessions against the source session_id',
    difficulty: 'hard',
    topics: ['sessionization', 'window-functions', 'running-total'],
    statement:
      "Sessionize each user's events yourself: order them by event_ts, then event_id; a new session starts at the user's first event and after any gap of more than 30 minutes. Return one row: the number of derived sessions, the number of distinct source session_id values, and the number of derived sessions that contain events of more than one source session_id.",
    expectedColumns: [
      { name: 'derived_sessions', description: '' },
      { name: 'source_sessions', description: 'COUNT(DISTINCT session_id)' },
      { name: 'merged_sessions', description: 'derived sessions spanning 2+ source sessions' },
    ],
    ordered: false,
    keyColumns: [],
    solution: `WITH gaps AS (
  SELECT user_id, session_id, event_ts, event_id,
         CASE WHEN event_ts - LAG(event_ts) OVER w <= INTERVAL 30 MINUTE THEN 0 ELSE 1 END AS starts
  FROM fact_events
  WINDOW w AS (PARTITION BY user_id ORDER BY event_ts, event_id)
), numbered AS (
  SELECT *, SUM(starts) OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS derived
  FROM gaps
), per_session AS (
  SELECT user_id, derived, COUNT(DISTINCT session_id) AS sources
  FROM numbered
  GROUP BY user_id, derived
)
SELECT COUNT(*) AS derived_sessions,
       (SELECT COUNT(DISTINCT session_id) FROM fact_events) AS source_sessions,
       COUNT(*) FILTER (WHERE sources > 1) AS merged_sessions
FROM per_session`,
    explanation:
      "The client's session_id and an inactivity-based sessionization disagree: two app sessions 10 minutes apart are one derived session, and a session the client kept open across a long pause splits. Count both before trusting either in a funnel. The flag is written so that the first event (LAG is NULL, the comparison is NULL) starts a session; a derived session is identified by (user_id, running sum), never by the running sum alone.",
    hints: [
      'Flag a session start where the gap to the previous event of the user is over 30 minutes or there is none.',
      'A running SUM of the flags per user numbers the derived sessions.',
      'Group by (user_id, derived number), count distinct session_id in each, and count the groups with more than one.',
    ],
    lessons: ['stream-processing', 'batch-vs-streaming'],
    wrongAnswers: [
      {
        mistake: 'A 60-minute timeout',
        sql: `WITH g AS (SELECT user_id, session_id, event_ts, event_id, CASE WHEN event_ts - LAG(event_ts) OVER w <= INTERVAL 60 MINUTE THEN 0 ELSE 1 END AS s FROM fact_events WINDOW w AS (PARTITION BY user_id ORDER BY event_ts, event_id)), n AS (SELECT *, SUM(s) OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS d FROM g), p AS (SELECT user_id, d, COUNT(DISTINCT session_id) AS k FROM n GROUP BY ALL)
SELECT COUNT(*), (SELECT COUNT(DISTINCT session_id) FROM fact_events), COUNT(*) FILTER (WHERE k > 1) FROM p`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Identifies a derived session by its number alone, merging users',
        sql: `WITH g AS (SELECT user_id, session_id, event_ts, event_id, CASE WHEN event_ts - LAG(event_ts) OVER w <= INTERVAL 30 MINUTE THEN 0 ELSE 1 END AS s FROM fact_events WINDOW w AS (PARTITION BY user_id ORDER BY event_ts, event_id)), n AS (SELECT *, SUM(s) OVER (PARTITION BY user_id ORDER BY event_ts, event_id ROWS UNBOUNDED PRECEDING) AS d FROM g), p AS (SELECT d, COUNT(DISTINCT session_id) AS k FROM n GROUP BY d)
SELECT COUNT(*), (SELECT COUNT(DISTINCT session_id) FROM fact_events), COUNT(*) FILTER (WHERE k > 1) FROM p`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'session-length-by-device',
    title: 'Session length and bounces by device',
    difficulty: 'medium',
    topics: ['sessionization', 'percentiles', 'conditional-aggregation'],
    statement:
      'Use the source session_id (a session has one device). Duration of a session = seconds between its first and last event_ts. For each device return the number of sessions, the median duration in seconds (continuous), and the bounce rate: the share of sessions with exactly one event.',
    expectedColumns: [
      { name: 'device', description: '' },
      { name: 'sessions', description: '' },
      { name: 'median_seconds', description: 'QUANTILE_CONT over sessions' },
      { name: 'bounce_rate', description: 'fraction of one-event sessions' },
    ],
    ordered: false,
    solution: `WITH s AS (
  SELECT session_id, ANY_VALUE(device) AS device, COUNT(*) AS events,
         EPOCH(MAX(event_ts) - MIN(event_ts)) AS seconds
  FROM fact_events
  GROUP BY session_id
)
SELECT device, COUNT(*) AS sessions,
       MEDIAN(seconds) AS median_seconds,
       COUNT(*) FILTER (WHERE events = 1) / COUNT(*) AS bounce_rate
FROM s
GROUP BY device`,
    explanation:
      'Aggregate to sessions first, then to devices: the median of session durations is not the median of event gaps. A one-event session has duration 0 and pulls the median down; analytics tools often exclude bounces from "average session duration" for that reason, so say which you report. EPOCH of an INTERVAL gives seconds as a DOUBLE.',
    hints: [
      'One row per session first: device, event count, duration.',
      'EPOCH(MAX(event_ts) − MIN(event_ts)) is the duration in seconds.',
      'Per device: MEDIAN(seconds) and COUNT(*) FILTER (WHERE events = 1) / COUNT(*).',
    ],
    lessons: ['stream-processing', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Average instead of median',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(device) AS device, COUNT(*) AS events, EPOCH(MAX(event_ts) - MIN(event_ts)) AS seconds FROM fact_events GROUP BY 1)
SELECT device, COUNT(*), AVG(seconds), COUNT(*) FILTER (WHERE events = 1) / COUNT(*) FROM s GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Bounce as a session with one page_view, not one event',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(device) AS device, COUNT(*) FILTER (WHERE event_type = 'page_view') AS views, EPOCH(MAX(event_ts) - MIN(event_ts)) AS seconds FROM fact_events GROUP BY 1)
SELECT device, COUNT(*), MEDIAN(seconds), COUNT(*) FILTER (WHERE views = 1) / COUNT(*) FROM s GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'latest-user-version',
    title: 'Latest version of each user without is_current',
    difficulty: 'medium',
    topics: ['deduplication', 'window-functions', 'scd2'],
    statement:
      'Pretend dim_user had no is_current and no valid_to (as a raw change log does). For each user_id return the country, city and loyalty_tier of the latest version: the one with the highest valid_from (ties by the highest version).',
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'country', description: '' },
      { name: 'city', description: '' },
      { name: 'loyalty_tier', description: '' },
    ],
    ordered: false,
    solution: `SELECT user_id, country, city, loyalty_tier
FROM dim_user
QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from DESC, version DESC) = 1`,
    explanation:
      "Keep-the-latest is deduplication with ROW_NUMBER ordered newest first (or DuckDB's ARG_MAX(col, valid_from) per column, which is safe only because every column takes the same ordering key). MAX(city) per user is not the latest city: it is the alphabetically last one, and MAX per column can mix values of different versions into a row that never existed.",
    hints: [
      'Which single row per user do you want? Number the rows of each user.',
      'ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from DESC, version DESC)',
      'Keep row number 1 with QUALIFY or an outer WHERE.',
    ],
    lessons: ['slowly-changing-dimensions', 'exactly-once'],
    wrongAnswers: [
      {
        mistake: 'MAX per column mixes versions and picks the alphabetically last value',
        sql: `SELECT user_id, MAX(country), MAX(city), MAX(loyalty_tier) FROM dim_user GROUP BY user_id`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Orders oldest first and keeps the signup version',
        sql: `SELECT user_id, country, city, loyalty_tier FROM dim_user QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY valid_from, version) = 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'sessions-by-opt-in-then-and-now',
    title: 'Sessions by marketing opt-in, then and now',
    difficulty: 'hard',
    topics: ['scd2', 'point-in-time-join'],
    statement:
      "A session (session_id) starts at its first event_ts and belongs to the user of its events. For marketing_opt_in true and false, return the number of sessions whose user had that opt-in value when the session started (the dim_user version with valid_from <= start < valid_to), and the number by the user's current opt-in value.",
    expectedColumns: [
      { name: 'marketing_opt_in', description: 'BOOLEAN' },
      { name: 'sessions_then', description: 'by the version valid at session start' },
      { name: 'sessions_now', description: 'by the current version' },
    ],
    ordered: false,
    solution: `WITH s AS (
  SELECT session_id, ANY_VALUE(user_id) AS user_id, MIN(event_ts) AS started
  FROM fact_events
  GROUP BY session_id
), classified AS (
  SELECT then_v.marketing_opt_in AS opt_in_then, now_v.marketing_opt_in AS opt_in_now
  FROM s
  JOIN dim_user then_v ON then_v.user_id = s.user_id AND s.started >= then_v.valid_from AND s.started < then_v.valid_to
  JOIN dim_user now_v ON now_v.user_id = s.user_id AND now_v.is_current
)
SELECT v.opt_in AS marketing_opt_in,
       COUNT(*) FILTER (WHERE opt_in_then = v.opt_in) AS sessions_then,
       COUNT(*) FILTER (WHERE opt_in_now = v.opt_in) AS sessions_now
FROM classified, (VALUES (true), (false)) AS v(opt_in)
GROUP BY v.opt_in`,
    explanation:
      "The two columns answer different questions. 'How many sessions came from opted-in users?' is a point-in-time question (the consent that applied then, which is also what a privacy audit asks); 'how reachable are these users today?' uses the current version. An SCD2 dimension answers both; a type-1 dimension (overwrite) can only answer the second and silently rewrites the first.",
    hints: [
      "Find each session's start and user first.",
      'Join dim_user twice: once on the version valid at the start (valid_from <= started < valid_to), once on is_current.',
      'Count per opt-in value with FILTER, one column per join.',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Uses the current version for both columns',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(user_id) AS user_id FROM fact_events GROUP BY 1)
SELECT u.marketing_opt_in, COUNT(*), COUNT(*) FROM s JOIN dim_user u ON u.user_id = s.user_id AND u.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Joins every version of the user: sessions counted once per version',
        sql: `WITH s AS (SELECT session_id, ANY_VALUE(user_id) AS user_id FROM fact_events GROUP BY 1)
SELECT u.marketing_opt_in, COUNT(*), COUNT(*) FILTER (WHERE c.marketing_opt_in = u.marketing_opt_in) FROM s JOIN dim_user u ON u.user_id = s.user_id JOIN dim_user c ON c.user_id = s.user_id AND c.is_current GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'loyalty-tier-snapshot',
    title: 'Users per loyalty tier at the end of each day',
    difficulty: 'hard',
    topics: ['scd2', 'point-in-time-join', 'snapshot'],
    statement:
      'For every day of dim_date and every loyalty tier, return the number of users whose dim_user version valid at the end of that day (the instant date + 1 day, midnight after) had that tier. Only (day, tier) pairs with at least one user.',
    expectedColumns: [
      { name: 'date', description: 'DATE' },
      { name: 'loyalty_tier', description: '' },
      { name: 'users', description: '' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `SELECT d.date, u.loyalty_tier, COUNT(*) AS users
FROM dim_date d
JOIN dim_user u
  ON u.valid_from <= d.date + INTERVAL 1 DAY
 AND d.date + INTERVAL 1 DAY < u.valid_to
GROUP BY d.date, u.loyalty_tier`,
    explanation:
      "A periodic snapshot built from an SCD2 dimension: a range join of the calendar with the versions, one version per user per instant because the intervals are half-open and adjacent. Users who signed up later have no version yet and are not counted. This is how a 'tier mix over time' chart is built without storing a copy of the table every night.",
    hints: [
      'The instant is d.date + INTERVAL 1 DAY; which version of each user was valid then?',
      'Join dim_date to dim_user with the range condition only (no key: every user is checked at every instant).',
      'valid_from <= instant AND instant < valid_to, then GROUP BY date, tier.',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Uses the current tier on every day',
        sql: `SELECT d.date, u.loyalty_tier, COUNT(*) FROM dim_date d JOIN dim_user u ON u.is_current AND u.signup_ts < d.date + INTERVAL 1 DAY GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Counts every version that started by then, not the one valid then',
        sql: `SELECT d.date, u.loyalty_tier, COUNT(*) FROM dim_date d JOIN dim_user u ON u.valid_from <= d.date + INTERVAL 1 DAY GROUP BY 1, 2`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'loyalty-tier-changes',
    title: 'Tier changes and how long the old tier lasted',
    difficulty: 'hard',
    topics: ['scd2', 'gaps-and-islands', 'window-functions'],
    statement:
      "A new dim_user version is written on a tier change, a move or an opt-in change, so the same tier can span several versions. For every version whose loyalty_tier differs from the user's previous version, return user_id, that version, the old tier, the new tier, and when the old tier started: the valid_from of the first version of the uninterrupted run of versions with the old tier.",
    expectedColumns: [
      { name: 'user_id', description: '' },
      { name: 'version', description: 'the version that changed the tier' },
      { name: 'old_tier', description: '' },
      { name: 'new_tier', description: '' },
      { name: 'old_tier_since', description: 'TIMESTAMP' },
    ],
    ordered: false,
    keyColumns: [0, 1],
    solution: `WITH v AS (
  SELECT user_id, version, loyalty_tier, valid_from,
         LAG(loyalty_tier) OVER (PARTITION BY user_id ORDER BY version) AS previous_tier
  FROM dim_user
), runs AS (
  SELECT *, SUM(CASE WHEN previous_tier IS DISTINCT FROM loyalty_tier THEN 1 ELSE 0 END)
              OVER (PARTITION BY user_id ORDER BY version ROWS UNBOUNDED PRECEDING) AS run
  FROM v
), run_starts AS (
  SELECT user_id, run, MIN(valid_from) AS since FROM runs GROUP BY user_id, run
)
SELECT r.user_id, r.version, r.previous_tier AS old_tier, r.loyalty_tier AS new_tier, s.since AS old_tier_since
FROM runs r
JOIN run_starts s ON s.user_id = r.user_id AND s.run = r.run - 1
WHERE r.version > 1 AND r.previous_tier <> r.loyalty_tier`,
    explanation:
      "An SCD2 table records versions, not states: a tier lasts from the first version that has it to the first version that does not, across any city or opt-in changes in between. That is gaps and islands over versions: flag where the tier changes, number the runs with a running sum, and the previous run's first valid_from is when the old tier began. Taking the previous version's valid_from instead is wrong exactly when something else changed in between.",
    hints: [
      'LAG(loyalty_tier) over the versions of a user shows where the tier changed.',
      'A running SUM of "tier changed" flags numbers the runs of equal tiers.',
      'Per (user, run) take MIN(valid_from); join each change to the previous run (run − 1).',
    ],
    lessons: ['slowly-changing-dimensions', 'stream-processing'],
    wrongAnswers: [
      {
        mistake:
          "Takes the previous version's valid_from, which is later when a move or an opt-in change came between",
        sql: `SELECT user_id, version, LAG(loyalty_tier) OVER w, loyalty_tier, LAG(valid_from) OVER w FROM dim_user WINDOW w AS (PARTITION BY user_id ORDER BY version) QUALIFY LAG(loyalty_tier) OVER w <> loyalty_tier`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Compares every version with the first one instead of the previous one',
        sql: `SELECT user_id, version, FIRST_VALUE(loyalty_tier) OVER w, loyalty_tier, FIRST_VALUE(valid_from) OVER w FROM dim_user WINDOW w AS (PARTITION BY user_id ORDER BY version) QUALIFY FIRST_VALUE(loyalty_tier) OVER w <> loyalty_tier`,
        expected: 'wrong_values',
      },
    ],
  },
  {
    id: 'rolling-weekly-active-users',
    title: 'Daily and 7-day active users',
    difficulty: 'hard',
    topics: ['rolling-window', 'count-distinct', 'range-join'],
    statement:
      'For every day of dim_date, return the number of distinct users with an event that day (DAU) and the number of distinct users with an event in the 7 calendar days ending that day, that day included (WAU, trailing).',
    expectedColumns: [
      { name: 'date', description: 'DATE' },
      { name: 'dau', description: '' },
      { name: 'wau', description: 'distinct users over date − 6 … date' },
    ],
    ordered: false,
    solution: `WITH active AS (
  SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events
)
SELECT d.date,
       COUNT(DISTINCT a.user_id) FILTER (WHERE a.day = d.date) AS dau,
       COUNT(DISTINCT a.user_id) AS wau
FROM dim_date d
LEFT JOIN active a ON a.day BETWEEN d.date - 6 AND d.date
GROUP BY d.date`,
    explanation:
      'Distinct counts do not add up: the sum (or average) of 7 DAUs counts a user once per active day. Join each day to the activity of its trailing window and count distinct users there. At scale this is done with a sketch (HyperLogLog) per day, since sketches can be merged across days while exact distinct counts cannot.',
    hints: [
      'Why is SUM(dau) over the last 7 rows not the WAU?',
      'Join every calendar day to the (user, day) activity of days date − 6 to date.',
      'COUNT(DISTINCT user_id) in that join is the WAU; with FILTER (WHERE day = date) it is the DAU.',
    ],
    lessons: ['stream-processing', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: 'Adds up the last 7 daily counts: users active on several days count several times',
        sql: `WITH a AS (SELECT CAST(event_ts AS DATE) AS day, COUNT(DISTINCT user_id) AS dau FROM fact_events GROUP BY 1)
SELECT d.date, COALESCE(a.dau, 0), SUM(COALESCE(a.dau, 0)) OVER (ORDER BY d.date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) FROM dim_date d LEFT JOIN a ON a.day = d.date`,
        expected: 'wrong_values',
      },
      {
        mistake: 'Off by one: an 8-day window',
        sql: `WITH a AS (SELECT DISTINCT user_id, CAST(event_ts AS DATE) AS day FROM fact_events)
SELECT d.date, COUNT(DISTINCT a.user_id) FILTER (WHERE a.day = d.date), COUNT(DISTINCT a.user_id) FROM dim_date d LEFT JOIN a ON a.day BETWEEN d.date - 7 AND d.date GROUP BY 1`,
        expected: 'wrong_values',
      },
    ],
  },
];
