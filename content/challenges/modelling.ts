import type { ModellingChallenge } from '@/content/schema/modelling';

// Rubric checks on the learner's catalog, run in the schema their script built (current_schema()).
const ownTables = `duckdb_tables() t WHERE t.schema_name = current_schema() AND NOT starts_with(t.table_name, 'src_')`;
const primaryKeys = {
  text: 'At least two tables of your own, each with a PRIMARY KEY that states its grain.',
  check: `SELECT COUNT(*) >= 2 AND COUNT(*) FILTER (WHERE NOT EXISTS (
  SELECT 1 FROM duckdb_constraints() c
  WHERE c.schema_name = t.schema_name AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')) = 0
FROM ${ownTables}`,
};
const exactNumbers = {
  text: 'Money and quantities are exact: no FLOAT, REAL or DOUBLE column in your tables (DECIMAL for money).',
  check: `SELECT COUNT(*) = 0 FROM duckdb_columns() c
JOIN duckdb_tables() t ON t.schema_name = c.schema_name AND t.table_name = c.table_name
WHERE c.schema_name = current_schema() AND NOT starts_with(c.table_name, 'src_') AND c.data_type IN ('FLOAT', 'DOUBLE')`,
};
const foreignKeys = {
  text: 'Facts reference their dimensions with FOREIGN KEY constraints, so an orphan row cannot be loaded.',
  check: `SELECT COUNT(*) >= 1 FROM duckdb_constraints() WHERE schema_name = current_schema() AND constraint_type = 'FOREIGN KEY'`,
};

const rideSolution = `CREATE TABLE dim_driver (
  driver_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  joined_on DATE NOT NULL
);
-- One row per trip, one timestamp per milestone (an accumulating snapshot).
CREATE TABLE fact_trip (
  trip_id VARCHAR PRIMARY KEY,
  rider_id VARCHAR NOT NULL,
  driver_id VARCHAR REFERENCES dim_driver (driver_id),
  city VARCHAR NOT NULL,
  requested_at TIMESTAMP NOT NULL,
  accepted_at TIMESTAMP,
  completed_at TIMESTAMP,
  cancelled_at TIMESTAMP,
  fare DECIMAL(10,2)
);
INSERT INTO dim_driver SELECT driver_id, name, city, joined_on FROM src_drivers;
INSERT INTO fact_trip
SELECT trip_id, ANY_VALUE(rider_id), MAX(driver_id), ANY_VALUE(city),
       MIN(status_at) FILTER (WHERE status = 'requested'),
       MIN(status_at) FILTER (WHERE status = 'accepted'),
       MIN(status_at) FILTER (WHERE status = 'completed'),
       MIN(status_at) FILTER (WHERE status = 'cancelled'),
       MAX(fare)
FROM src_trip_status
GROUP BY trip_id;
CREATE VIEW answer_city_day AS
SELECT city, CAST(requested_at AS DATE) AS day, COUNT(*) AS requested,
       COUNT(completed_at) AS completed, COALESCE(SUM(fare), 0) AS revenue
FROM fact_trip GROUP BY 1, 2;
CREATE VIEW answer_driver_stats AS
SELECT driver_id, COUNT(*) AS completed_trips, MEDIAN(EPOCH(completed_at - accepted_at) / 60) AS median_minutes
FROM fact_trip WHERE completed_at IS NOT NULL GROUP BY driver_id;
CREATE VIEW answer_wait_by_city AS
SELECT city, COUNT(*) AS accepted_trips, AVG(EPOCH(accepted_at - requested_at)) AS avg_wait_seconds
FROM fact_trip WHERE accepted_at IS NOT NULL GROUP BY city;`;

const subscriptionSolution = `CREATE TABLE dim_plan (plan_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL);
-- Type 2 price history: one row per plan and price period, valid_to exclusive.
CREATE TABLE dim_plan_price (
  plan_id VARCHAR NOT NULL REFERENCES dim_plan (plan_id),
  valid_from DATE NOT NULL,
  valid_to DATE NOT NULL,
  monthly_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (plan_id, valid_from)
);
CREATE TABLE dim_subscription (
  subscription_id VARCHAR PRIMARY KEY,
  customer_id VARCHAR NOT NULL,
  plan_id VARCHAR NOT NULL REFERENCES dim_plan (plan_id),
  started_on DATE NOT NULL,
  ended_on DATE
);
-- One row per subscription and invoice date, at the price valid that day.
CREATE TABLE fact_invoice (
  subscription_id VARCHAR NOT NULL REFERENCES dim_subscription (subscription_id),
  invoice_date DATE NOT NULL,
  customer_id VARCHAR NOT NULL,
  plan_id VARCHAR NOT NULL REFERENCES dim_plan (plan_id),
  amount DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (subscription_id, invoice_date)
);
INSERT INTO dim_plan SELECT plan_id, name FROM src_plans;
INSERT INTO dim_plan_price
SELECT plan_id, effective_from,
       COALESCE(LEAD(effective_from) OVER (PARTITION BY plan_id ORDER BY effective_from), DATE '9999-12-31'),
       monthly_price
FROM src_plan_prices;
INSERT INTO dim_subscription SELECT subscription_id, customer_id, plan_id, started_on, ended_on FROM src_subscriptions;
INSERT INTO fact_invoice
SELECT s.subscription_id, d.invoice_date, s.customer_id, s.plan_id, p.monthly_price
FROM dim_subscription s
JOIN (SELECT CAST(range AS DATE) AS invoice_date
      FROM range(TIMESTAMP '2025-02-01', TIMESTAMP '2025-08-01', INTERVAL 1 MONTH)) d
  ON s.started_on <= d.invoice_date AND (s.ended_on IS NULL OR s.ended_on > d.invoice_date)
JOIN dim_plan_price p
  ON p.plan_id = s.plan_id AND d.invoice_date >= p.valid_from AND d.invoice_date < p.valid_to;
CREATE VIEW answer_monthly_revenue AS
SELECT invoice_date, COUNT(*) AS invoices, SUM(amount) AS revenue FROM fact_invoice GROUP BY invoice_date;
CREATE VIEW answer_plan_revenue AS
SELECT pl.name, SUM(i.amount) AS revenue, COUNT(DISTINCT i.customer_id) AS customers
FROM fact_invoice i JOIN dim_plan pl USING (plan_id) GROUP BY pl.name;`;

const hotelSolution = `CREATE TABLE dim_room (room_id VARCHAR PRIMARY KEY, room_type VARCHAR NOT NULL, floor INTEGER NOT NULL);
CREATE TABLE fact_booking (
  booking_id VARCHAR PRIMARY KEY,
  guest_id VARCHAR NOT NULL,
  room_id VARCHAR NOT NULL REFERENCES dim_room (room_id),
  check_in DATE NOT NULL,
  check_out DATE NOT NULL,
  nightly_rate DECIMAL(10,2) NOT NULL,
  status VARCHAR NOT NULL
);
-- One row per room and night sold: the grain occupancy and revenue are reported at.
-- The key also makes a room sold twice for one night impossible to load.
CREATE TABLE fact_room_night (
  room_id VARCHAR NOT NULL REFERENCES dim_room (room_id),
  night DATE NOT NULL,
  booking_id VARCHAR NOT NULL REFERENCES fact_booking (booking_id),
  rate DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (room_id, night)
);
INSERT INTO dim_room SELECT room_id, room_type, floor FROM src_rooms;
INSERT INTO fact_booking SELECT booking_id, guest_id, room_id, check_in, check_out, nightly_rate, status FROM src_bookings;
INSERT INTO fact_room_night
SELECT room_id, CAST(night AS DATE), booking_id, nightly_rate
FROM (
  SELECT room_id, booking_id, nightly_rate,
         UNNEST(GENERATE_SERIES(CAST(check_in AS TIMESTAMP), CAST(check_out AS TIMESTAMP) - INTERVAL 1 DAY, INTERVAL 1 DAY)) AS night
  FROM fact_booking
  WHERE status = 'confirmed'
);
CREATE VIEW answer_occupancy AS
SELECT n.night, r.room_type, COUNT(*) AS occupied_rooms
FROM fact_room_night n JOIN dim_room r USING (room_id) GROUP BY 1, 2;
CREATE VIEW answer_monthly_room_revenue AS
SELECT CAST(DATE_TRUNC('month', night) AS DATE) AS month, SUM(rate) AS revenue FROM fact_room_night GROUP BY 1;`;

const inventorySolution = `CREATE TABLE dim_product (sku VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, unit_cost DECIMAL(10,2) NOT NULL);
-- Transaction grain: one row per movement, quantity signed (+ in, - out).
CREATE TABLE fact_stock_movement (
  movement_id VARCHAR PRIMARY KEY,
  sku VARCHAR NOT NULL REFERENCES dim_product (sku),
  warehouse VARCHAR NOT NULL,
  moved_at TIMESTAMP NOT NULL,
  quantity INTEGER NOT NULL,
  reason VARCHAR NOT NULL
);
-- Periodic snapshot: one row per product, warehouse and day, days without movements included.
CREATE TABLE fact_stock_daily (
  sku VARCHAR NOT NULL REFERENCES dim_product (sku),
  warehouse VARCHAR NOT NULL,
  day DATE NOT NULL,
  on_hand INTEGER NOT NULL,
  PRIMARY KEY (sku, warehouse, day)
);
INSERT INTO dim_product SELECT sku, name, unit_cost FROM src_products;
INSERT INTO fact_stock_movement SELECT movement_id, sku, warehouse, moved_at, quantity, reason FROM src_stock_movements;
INSERT INTO fact_stock_daily
WITH pairs AS (
  SELECT sku, warehouse, MIN(CAST(moved_at AS DATE)) AS first_day FROM fact_stock_movement GROUP BY 1, 2
), days AS (
  SELECT CAST(range AS DATE) AS day FROM range(TIMESTAMP '2025-04-01', TIMESTAMP '2025-04-15', INTERVAL 1 DAY)
), net AS (
  SELECT sku, warehouse, CAST(moved_at AS DATE) AS day, SUM(quantity) AS quantity FROM fact_stock_movement GROUP BY 1, 2, 3
)
SELECT p.sku, p.warehouse, d.day,
       SUM(COALESCE(n.quantity, 0)) OVER (PARTITION BY p.sku, p.warehouse ORDER BY d.day)
FROM pairs p
JOIN days d ON d.day >= p.first_day
LEFT JOIN net n ON n.sku = p.sku AND n.warehouse = p.warehouse AND n.day = d.day;
CREATE VIEW answer_daily_stock AS SELECT sku, warehouse, day, on_hand FROM fact_stock_daily;
CREATE VIEW answer_stock_value AS
SELECT s.warehouse, SUM(s.on_hand * p.unit_cost) AS stock_value
FROM fact_stock_daily s JOIN dim_product p USING (sku)
WHERE s.day = DATE '2025-04-14'
GROUP BY s.warehouse;`;

/** Modelling from a blank page: a new business process, a rubric, and the questions the design must answer. */
export const modellingChallengeList: ModellingChallenge[] = [
  {
    id: 'model-ride-hailing-trips',
    title: 'Model it: ride-hailing trips',
    difficulty: 'medium',
    topics: ['modelling', 'accumulating-snapshot', 'grain'],
    brief:
      'A ride-hailing app in three cities logs every status change of a trip: requested (no driver yet), accepted (a driver of the city took it), completed (with the fare) or cancelled (before or after acceptance). Operations wants, per city and day, how many trips were requested and completed and the revenue; per driver, completed trips and the median ride time; per city, how long riders wait for a driver. Design the warehouse tables, load them from the source log, and answer with views.',
    sources: [
      {
        table: 'src_drivers',
        description: 'one row per driver',
        columns: [
          { name: 'driver_id', type: 'VARCHAR', description: '' },
          { name: 'name', type: 'VARCHAR', description: '' },
          { name: 'city', type: 'VARCHAR', description: '' },
          { name: 'joined_on', type: 'DATE', description: '' },
        ],
      },
      {
        table: 'src_trip_status',
        description: 'one row per status change of a trip, from the app backend (2025-03-03 to 2025-03-09)',
        columns: [
          { name: 'trip_id', type: 'VARCHAR', description: '' },
          { name: 'rider_id', type: 'VARCHAR', description: '' },
          { name: 'driver_id', type: 'VARCHAR', description: 'NULL until a driver accepts' },
          { name: 'city', type: 'VARCHAR', description: '' },
          { name: 'status', type: 'VARCHAR', description: 'requested | accepted | completed | cancelled' },
          { name: 'status_at', type: 'TIMESTAMP', description: '' },
          { name: 'fare', type: 'DECIMAL(10,2)', description: 'on the completed row only' },
        ],
      },
    ],
    questions: [
      {
        view: 'answer_city_day',
        question:
          'Per city and day of the request (DATE of the requested status): trips requested, trips completed, revenue (sum of fares of the completed trips, 0 when none).',
        expectedColumns: [
          { name: 'city', description: '' },
          { name: 'day', description: 'DATE' },
          { name: 'requested', description: '' },
          { name: 'completed', description: '' },
          { name: 'revenue', description: '' },
        ],
        ordered: false,
        keyColumns: [0, 1],
        reference: `WITH t AS (
  SELECT trip_id, ANY_VALUE(city) AS city, MIN(status_at) FILTER (WHERE status = 'requested') AS requested_at,
         BOOL_OR(status = 'completed') AS completed, MAX(fare) AS fare
  FROM src_trip_status GROUP BY trip_id
)
SELECT city, CAST(requested_at AS DATE), COUNT(*), COUNT(*) FILTER (WHERE completed), COALESCE(SUM(fare) FILTER (WHERE completed), 0)
FROM t GROUP BY 1, 2`,
      },
      {
        view: 'answer_driver_stats',
        question:
          'Per driver with at least one completed trip: completed trips and the median minutes from acceptance to completion (continuous median).',
        expectedColumns: [
          { name: 'driver_id', description: '' },
          { name: 'completed_trips', description: '' },
          { name: 'median_minutes', description: '' },
        ],
        ordered: false,
        reference: `WITH t AS (
  SELECT trip_id, MAX(driver_id) AS driver_id,
         MIN(status_at) FILTER (WHERE status = 'accepted') AS accepted_at,
         MIN(status_at) FILTER (WHERE status = 'completed') AS completed_at
  FROM src_trip_status GROUP BY trip_id
)
SELECT driver_id, COUNT(*), MEDIAN(EPOCH(completed_at - accepted_at) / 60) FROM t WHERE completed_at IS NOT NULL GROUP BY 1`,
      },
      {
        view: 'answer_wait_by_city',
        question: 'Per city: trips that were accepted, and the average seconds from request to acceptance.',
        expectedColumns: [
          { name: 'city', description: '' },
          { name: 'accepted_trips', description: '' },
          { name: 'avg_wait_seconds', description: '' },
        ],
        ordered: false,
        reference: `WITH t AS (
  SELECT trip_id, ANY_VALUE(city) AS city,
         MIN(status_at) FILTER (WHERE status = 'requested') AS requested_at,
         MIN(status_at) FILTER (WHERE status = 'accepted') AS accepted_at
  FROM src_trip_status GROUP BY trip_id
)
SELECT city, COUNT(*), AVG(EPOCH(accepted_at - requested_at)) FROM t WHERE accepted_at IS NOT NULL GROUP BY 1`,
      },
    ],
    rubric: [
      primaryKeys,
      exactNumbers,
      foreignKeys,
      {
        text: 'The trip fact has one row per trip with one timestamp per milestone (an accumulating snapshot), so a duration is a subtraction, not a self-join of the status log.',
      },
      {
        text: 'You can say the grain of every table in one sentence, and which questions the raw status log still serves (audit, replays).',
      },
    ],
    solution: rideSolution,
    explanation:
      'A process with milestones (requested → accepted → completed) is modelled as an accumulating snapshot: one row per trip, updated as it moves, with a timestamp per milestone. Every question here becomes a GROUP BY over that one table. Keeping the status log as the fact table is the common mistake: counting its rows counts status changes, not trips, and every duration needs a self-join. The driver is a dimension the trip references; a trip not yet accepted has no driver, which a nullable foreign key expresses.',
    hints: [
      'What is one row of the table the questions count? A trip, not a status change.',
      'Pivot the status log to one row per trip: MIN(status_at) FILTER (WHERE status = …) per milestone.',
      'Then each answer view is a GROUP BY over the trip table; durations are EPOCH(later − earlier).',
    ],
    lessons: ['star-schema-modelling', 'ingestion-patterns-cdc'],
    wrongAnswers: [
      {
        mistake: 'Keeps the status log as the fact and stores the fare as DOUBLE',
        sql: `CREATE TABLE dim_driver (driver_id VARCHAR PRIMARY KEY, name VARCHAR, city VARCHAR, joined_on DATE);
CREATE TABLE fact_trip_status (trip_id VARCHAR, status VARCHAR, driver_id VARCHAR REFERENCES dim_driver (driver_id), city VARCHAR, status_at TIMESTAMP, fare DOUBLE, PRIMARY KEY (trip_id, status));
INSERT INTO dim_driver SELECT * FROM src_drivers;
INSERT INTO fact_trip_status SELECT trip_id, status, driver_id, city, status_at, fare FROM src_trip_status;
CREATE VIEW answer_city_day AS SELECT city, CAST(status_at AS DATE), COUNT(*), COUNT(*) FILTER (WHERE status = 'completed'), COALESCE(SUM(fare), 0) FROM fact_trip_status GROUP BY 1, 2;`,
        expected: { kind: 'rubric', item: 1 },
      },
      {
        mistake: 'Status-log grain: counting rows per city and day counts status changes, not trips',
        sql: `CREATE TABLE dim_driver (driver_id VARCHAR PRIMARY KEY, name VARCHAR, city VARCHAR, joined_on DATE);
CREATE TABLE fact_trip_status (trip_id VARCHAR, status VARCHAR, driver_id VARCHAR REFERENCES dim_driver (driver_id), city VARCHAR, status_at TIMESTAMP, fare DECIMAL(10,2), PRIMARY KEY (trip_id, status));
INSERT INTO dim_driver SELECT * FROM src_drivers;
INSERT INTO fact_trip_status SELECT trip_id, status, driver_id, city, status_at, fare FROM src_trip_status;
CREATE VIEW answer_city_day AS SELECT city, CAST(status_at AS DATE), COUNT(*), COUNT(*) FILTER (WHERE status = 'completed'), COALESCE(SUM(fare), 0) FROM fact_trip_status GROUP BY 1, 2;`,
        expected: { kind: 'question', view: 'answer_city_day', diagnosis: 'wrong_values' },
      },
      {
        mistake: 'Answer views read the source log instead of the model',
        sql: `CREATE TABLE dim_driver (driver_id VARCHAR PRIMARY KEY, name VARCHAR, city VARCHAR, joined_on DATE);
CREATE TABLE fact_trip (trip_id VARCHAR PRIMARY KEY, driver_id VARCHAR REFERENCES dim_driver (driver_id));
INSERT INTO dim_driver SELECT * FROM src_drivers;
CREATE VIEW answer_city_day AS SELECT city, CAST(MIN(status_at) AS DATE), 1, 1, 1 FROM src_trip_status GROUP BY city;`,
        expected: { kind: 'view_error', view: 'answer_city_day' },
      },
    ],
  },
  {
    id: 'model-subscription-billing',
    title: 'Model it: subscription billing with price changes',
    difficulty: 'hard',
    topics: ['modelling', 'scd2', 'point-in-time-join', 'grain'],
    brief:
      "A SaaS company sells three plans billed monthly. Prices change a few times a year, and an invoice charges the price valid on its invoice date, not the price at signup and not today's. A subscription is invoiced on the 1st of every month from 2025-02-01 to 2025-07-01 on which it is active: started_on <= that day, and ended_on NULL or after that day. Finance wants revenue and invoices per invoice date, and per plan the revenue and the number of distinct customers invoiced. Design the tables (prices included), generate the invoices, and answer with views.",
    sources: [
      {
        table: 'src_plans',
        description: 'one row per plan',
        columns: [
          { name: 'plan_id', type: 'VARCHAR', description: '' },
          { name: 'name', type: 'VARCHAR', description: 'Basic | Pro | Team' },
        ],
      },
      {
        table: 'src_plan_prices',
        description: "the pricing team's price list: a row per price change",
        columns: [
          { name: 'plan_id', type: 'VARCHAR', description: '' },
          { name: 'monthly_price', type: 'DECIMAL(10,2)', description: '' },
          { name: 'effective_from', type: 'DATE', description: 'valid from this day until the next change' },
        ],
      },
      {
        table: 'src_subscriptions',
        description: 'one row per subscription',
        columns: [
          { name: 'subscription_id', type: 'VARCHAR', description: '' },
          { name: 'customer_id', type: 'VARCHAR', description: 'a customer can hold several subscriptions' },
          { name: 'plan_id', type: 'VARCHAR', description: '' },
          { name: 'started_on', type: 'DATE', description: '' },
          { name: 'ended_on', type: 'DATE', description: 'NULL while active' },
        ],
      },
    ],
    questions: [
      {
        view: 'answer_monthly_revenue',
        question:
          'Per invoice date (the 1st of each month, 2025-02-01 to 2025-07-01, dates with invoices): invoices and revenue.',
        expectedColumns: [
          { name: 'invoice_date', description: 'DATE' },
          { name: 'invoices', description: '' },
          { name: 'revenue', description: '' },
        ],
        ordered: false,
        reference: `WITH d AS (SELECT CAST(range AS DATE) AS invoice_date FROM range(TIMESTAMP '2025-02-01', TIMESTAMP '2025-08-01', INTERVAL 1 MONTH)),
i AS (SELECT s.plan_id, d.invoice_date FROM src_subscriptions s JOIN d ON s.started_on <= d.invoice_date AND (s.ended_on IS NULL OR s.ended_on > d.invoice_date))
SELECT i.invoice_date, COUNT(*), SUM(p.monthly_price)
FROM i ASOF JOIN src_plan_prices p ON p.plan_id = i.plan_id AND i.invoice_date >= p.effective_from
GROUP BY 1`,
      },
      {
        view: 'answer_plan_revenue',
        question:
          'Per plan name: revenue over all those invoices, and the number of distinct customers invoiced.',
        expectedColumns: [
          { name: 'name', description: '' },
          { name: 'revenue', description: '' },
          { name: 'customers', description: '' },
        ],
        ordered: false,
        reference: `WITH d AS (SELECT CAST(range AS DATE) AS invoice_date FROM range(TIMESTAMP '2025-02-01', TIMESTAMP '2025-08-01', INTERVAL 1 MONTH)),
i AS (SELECT s.plan_id, s.customer_id, d.invoice_date FROM src_subscriptions s JOIN d ON s.started_on <= d.invoice_date AND (s.ended_on IS NULL OR s.ended_on > d.invoice_date))
SELECT pl.name, SUM(p.monthly_price), COUNT(DISTINCT i.customer_id)
FROM i ASOF JOIN src_plan_prices p ON p.plan_id = i.plan_id AND i.invoice_date >= p.effective_from
JOIN src_plans pl ON pl.plan_id = i.plan_id
GROUP BY 1`,
      },
    ],
    rubric: [
      primaryKeys,
      exactNumbers,
      foreignKeys,
      {
        text: 'Prices are kept as history with validity dates (type 2), so the price of any plan on any day can be found; the current price alone would rewrite past invoices.',
      },
      {
        text: 'Invoices are facts at the (subscription, invoice date) grain carrying the amount charged, so a later price change never alters an issued invoice.',
      },
    ],
    solution: subscriptionSolution,
    explanation:
      "Two time-dependent facts meet here: which subscriptions are active on an invoice date, and which price is valid then. Keeping prices as a type-2 history ([valid_from, valid_to) per plan) makes the second a range join; storing the issued amount on the invoice fact freezes it, which is what finance expects of an invoice. A plan table with only the current price answers July correctly and every earlier month wrongly. valid_to here is exclusive and '9999-12-31' for the open period, so a BETWEEN-free half-open test never matches two prices.",
    hints: [
      'Which price does an invoice of 2025-03-01 use if the price changed on 2025-03-10? Your model must be able to answer that.',
      'A price table with valid_from and valid_to (the next effective_from, LEAD) per plan; invoices generated by joining subscriptions to the invoice dates.',
      'fact_invoice (subscription_id, invoice_date) with the amount from the price valid that day; the views group it.',
    ],
    lessons: ['slowly-changing-dimensions', 'star-schema-modelling'],
    wrongAnswers: [
      {
        mistake: "Keeps only each plan's latest price, so every invoice is charged today's price",
        sql: `CREATE TABLE dim_plan (plan_id VARCHAR PRIMARY KEY, name VARCHAR, monthly_price DECIMAL(10,2));
CREATE TABLE fact_invoice (subscription_id VARCHAR, invoice_date DATE, customer_id VARCHAR, plan_id VARCHAR REFERENCES dim_plan (plan_id), amount DECIMAL(10,2), PRIMARY KEY (subscription_id, invoice_date));
INSERT INTO dim_plan SELECT p.plan_id, p.name, (SELECT monthly_price FROM src_plan_prices x WHERE x.plan_id = p.plan_id ORDER BY effective_from DESC LIMIT 1) FROM src_plans p;
INSERT INTO fact_invoice SELECT s.subscription_id, CAST(d.range AS DATE), s.customer_id, s.plan_id, pl.monthly_price FROM src_subscriptions s JOIN range(TIMESTAMP '2025-02-01', TIMESTAMP '2025-08-01', INTERVAL 1 MONTH) d ON s.started_on <= CAST(d.range AS DATE) AND (s.ended_on IS NULL OR s.ended_on > CAST(d.range AS DATE)) JOIN dim_plan pl ON pl.plan_id = s.plan_id;
CREATE VIEW answer_monthly_revenue AS SELECT invoice_date, COUNT(*), SUM(amount) FROM fact_invoice GROUP BY 1;
CREATE VIEW answer_plan_revenue AS SELECT pl.name, SUM(amount), COUNT(DISTINCT customer_id) FROM fact_invoice JOIN dim_plan pl USING (plan_id) GROUP BY 1;`,
        expected: { kind: 'question', view: 'answer_monthly_revenue', diagnosis: 'wrong_values' },
      },
      {
        mistake:
          'Charges the price valid when the subscription started (grandfathering the brief did not ask for)',
        sql: `CREATE TABLE dim_plan (plan_id VARCHAR PRIMARY KEY, name VARCHAR);
CREATE TABLE fact_invoice (subscription_id VARCHAR, invoice_date DATE, customer_id VARCHAR, plan_id VARCHAR REFERENCES dim_plan (plan_id), amount DECIMAL(10,2), PRIMARY KEY (subscription_id, invoice_date));
INSERT INTO dim_plan SELECT plan_id, name FROM src_plans;
INSERT INTO fact_invoice SELECT s.subscription_id, CAST(d.range AS DATE), s.customer_id, s.plan_id, p.monthly_price FROM src_subscriptions s ASOF JOIN src_plan_prices p ON p.plan_id = s.plan_id AND s.started_on >= p.effective_from JOIN range(TIMESTAMP '2025-02-01', TIMESTAMP '2025-08-01', INTERVAL 1 MONTH) d ON s.started_on <= CAST(d.range AS DATE) AND (s.ended_on IS NULL OR s.ended_on > CAST(d.range AS DATE));
CREATE VIEW answer_monthly_revenue AS SELECT invoice_date, COUNT(*), SUM(amount) FROM fact_invoice GROUP BY 1;
CREATE VIEW answer_plan_revenue AS SELECT pl.name, SUM(amount), COUNT(DISTINCT customer_id) FROM fact_invoice JOIN dim_plan pl USING (plan_id) GROUP BY 1;`,
        expected: { kind: 'question', view: 'answer_monthly_revenue', diagnosis: 'wrong_values' },
      },
      {
        mistake: 'Prices as DOUBLE',
        sql: `CREATE TABLE dim_plan (plan_id VARCHAR PRIMARY KEY, name VARCHAR);
CREATE TABLE dim_plan_price (plan_id VARCHAR REFERENCES dim_plan (plan_id), valid_from DATE, monthly_price DOUBLE, PRIMARY KEY (plan_id, valid_from));
INSERT INTO dim_plan SELECT plan_id, name FROM src_plans;
INSERT INTO dim_plan_price SELECT plan_id, effective_from, monthly_price FROM src_plan_prices;`,
        expected: { kind: 'rubric', item: 1 },
      },
    ],
  },
  {
    id: 'model-hotel-room-nights',
    title: 'Model it: hotel bookings and occupancy',
    difficulty: 'medium',
    topics: ['modelling', 'grain', 'date-spine'],
    brief:
      'A 24-room hotel takes bookings for one or more nights: a booking holds its room for every night from check_in up to, not including, check_out, at one nightly rate. Cancelled bookings hold nothing. Revenue management wants occupied rooms per night and room type, and room revenue per calendar month, where a stay that crosses a month end counts each night in its own month. Design the tables, load them and answer with views.',
    sources: [
      {
        table: 'src_rooms',
        description: 'one row per room',
        columns: [
          { name: 'room_id', type: 'VARCHAR', description: '' },
          { name: 'room_type', type: 'VARCHAR', description: 'standard | deluxe | suite' },
          { name: 'floor', type: 'INTEGER', description: '' },
        ],
      },
      {
        table: 'src_bookings',
        description: 'one row per booking from the reservation system (nights from 2025-05-20 into July)',
        columns: [
          { name: 'booking_id', type: 'VARCHAR', description: '' },
          { name: 'guest_id', type: 'VARCHAR', description: '' },
          { name: 'room_id', type: 'VARCHAR', description: '' },
          { name: 'check_in', type: 'DATE', description: 'first night' },
          {
            name: 'check_out',
            type: 'DATE',
            description: 'the morning of departure: not a night of the stay',
          },
          { name: 'nightly_rate', type: 'DECIMAL(10,2)', description: '' },
          { name: 'status', type: 'VARCHAR', description: 'confirmed | cancelled' },
        ],
      },
    ],
    questions: [
      {
        view: 'answer_occupancy',
        question: 'Per night and room type with at least one occupied room: the number of occupied rooms.',
        expectedColumns: [
          { name: 'night', description: 'DATE' },
          { name: 'room_type', description: '' },
          { name: 'occupied_rooms', description: '' },
        ],
        ordered: false,
        keyColumns: [0, 1],
        reference: `SELECT CAST(b.night AS DATE), r.room_type, COUNT(*)
FROM (SELECT room_id, UNNEST(GENERATE_SERIES(CAST(check_in AS TIMESTAMP), CAST(check_out AS TIMESTAMP) - INTERVAL 1 DAY, INTERVAL 1 DAY)) AS night
      FROM src_bookings WHERE status = 'confirmed') b
JOIN src_rooms r USING (room_id)
GROUP BY 1, 2`,
      },
      {
        view: 'answer_monthly_room_revenue',
        question:
          'Per calendar month (a DATE, the 1st): room revenue, each night counted in the month it falls in.',
        expectedColumns: [
          { name: 'month', description: 'DATE, first day of the month' },
          { name: 'revenue', description: '' },
        ],
        ordered: false,
        reference: `SELECT CAST(DATE_TRUNC('month', night) AS DATE), SUM(nightly_rate)
FROM (SELECT nightly_rate, UNNEST(GENERATE_SERIES(CAST(check_in AS TIMESTAMP), CAST(check_out AS TIMESTAMP) - INTERVAL 1 DAY, INTERVAL 1 DAY)) AS night
      FROM src_bookings WHERE status = 'confirmed')
GROUP BY 1`,
      },
    ],
    rubric: [
      primaryKeys,
      exactNumbers,
      foreignKeys,
      {
        text: 'A fact at the grain the questions report on: one row per room and night sold, whose key (room, night) makes a double-sold night impossible to load.',
      },
      {
        text: 'The booking keeps its own table (one row per booking) for questions about bookings: lead time, length of stay, cancellations.',
      },
    ],
    solution: hotelSolution,
    explanation:
      "Occupancy and revenue are reported per night, but the source has one row per booking spanning several nights. Exploding each confirmed booking into its nights (a date spine, GENERATE_SERIES) gives the fact table at the reporting grain: occupancy is a COUNT, monthly revenue a SUM by the night's month, and a booking crossing 31 May splits itself. Booking-grain arithmetic (nights × rate in the check-in month) puts June nights into May. The (room, night) key is also a data-quality rule: the load fails if two confirmed bookings hold one room on one night.",
    hints: [
      'What is one row of what the questions count? A room on a night.',
      'GENERATE_SERIES(check_in, check_out − 1 day, 1 day) lists the nights of a booking; UNNEST makes them rows.',
      'Only confirmed bookings become room nights; then the views are GROUP BYs over that table.',
    ],
    lessons: ['star-schema-modelling', 'data-quality'],
    wrongAnswers: [
      {
        mistake: 'Revenue by the month of check-in: nights after a month end land in the wrong month',
        sql: `${hotelSolution.slice(0, hotelSolution.indexOf('CREATE VIEW answer_monthly_room_revenue'))}CREATE VIEW answer_monthly_room_revenue AS SELECT CAST(DATE_TRUNC('month', check_in) AS DATE), SUM((check_out - check_in) * nightly_rate) FROM fact_booking WHERE status = 'confirmed' GROUP BY 1;`,
        expected: { kind: 'question', view: 'answer_monthly_room_revenue', diagnosis: 'wrong_values' },
      },
      {
        mistake: 'Explodes cancelled bookings too: the (room, night) key rejects the load',
        sql: hotelSolution.replace("  WHERE status = 'confirmed'\n", ''),
        expected: { kind: 'script_error' },
      },
      {
        mistake: 'Rates as DOUBLE',
        sql: hotelSolution.replace('nightly_rate DECIMAL(10,2) NOT NULL', 'nightly_rate DOUBLE NOT NULL'),
        expected: { kind: 'rubric', item: 1 },
      },
    ],
  },
  {
    id: 'model-inventory-snapshots',
    title: 'Model it: stock movements and daily stock',
    difficulty: 'hard',
    topics: ['modelling', 'periodic-snapshot', 'running-total', 'date-spine'],
    brief:
      'Two warehouses (AMS, BER) record every stock movement of a product: receipts (+), picks and adjustments (−), as signed quantities. Planning wants the stock on hand of every product in every warehouse at the end of every day from the first day it had a movement there to 2025-04-14, days without movements included, and the value of the stock at the end of 2025-04-14 per warehouse (on hand × unit_cost). Design the tables, load them and answer with views.',
    sources: [
      {
        table: 'src_products',
        description: 'one row per product',
        columns: [
          { name: 'sku', type: 'VARCHAR', description: '' },
          { name: 'name', type: 'VARCHAR', description: '' },
          { name: 'unit_cost', type: 'DECIMAL(10,2)', description: '' },
        ],
      },
      {
        table: 'src_stock_movements',
        description: 'one row per movement, 2025-04-01 to 2025-04-14; stock starts at 0',
        columns: [
          { name: 'movement_id', type: 'VARCHAR', description: '' },
          { name: 'sku', type: 'VARCHAR', description: '' },
          { name: 'warehouse', type: 'VARCHAR', description: 'AMS | BER' },
          { name: 'moved_at', type: 'TIMESTAMP', description: '' },
          { name: 'quantity', type: 'INTEGER', description: 'signed: + in, − out' },
          { name: 'reason', type: 'VARCHAR', description: 'receipt | pick | adjustment' },
        ],
      },
    ],
    questions: [
      {
        view: 'answer_daily_stock',
        question:
          'Per product, warehouse and day (from the first day with a movement of that pair to 2025-04-14): the stock on hand at the end of the day.',
        expectedColumns: [
          { name: 'sku', description: '' },
          { name: 'warehouse', description: '' },
          { name: 'day', description: 'DATE' },
          { name: 'on_hand', description: '' },
        ],
        ordered: false,
        keyColumns: [0, 1, 2],
        reference: `WITH p AS (SELECT sku, warehouse, MIN(CAST(moved_at AS DATE)) AS first_day FROM src_stock_movements GROUP BY 1, 2),
d AS (SELECT CAST(range AS DATE) AS day FROM range(TIMESTAMP '2025-04-01', TIMESTAMP '2025-04-15', INTERVAL 1 DAY))
SELECT p.sku, p.warehouse, d.day,
       (SELECT COALESCE(SUM(m.quantity), 0) FROM src_stock_movements m
        WHERE m.sku = p.sku AND m.warehouse = p.warehouse AND CAST(m.moved_at AS DATE) <= d.day)
FROM p JOIN d ON d.day >= p.first_day`,
      },
      {
        view: 'answer_stock_value',
        question:
          'Per warehouse: the value of the stock on hand at the end of 2025-04-14 (sum of on hand × unit_cost).',
        expectedColumns: [
          { name: 'warehouse', description: '' },
          { name: 'stock_value', description: '' },
        ],
        ordered: false,
        reference: `SELECT m.warehouse, SUM(m.quantity * p.unit_cost) FROM src_stock_movements m JOIN src_products p USING (sku) GROUP BY 1`,
      },
    ],
    rubric: [
      primaryKeys,
      exactNumbers,
      foreignKeys,
      {
        text: 'Movements stay at transaction grain (one row per movement, signed quantity): the snapshot can always be rebuilt from them.',
      },
      {
        text: 'A periodic snapshot at (product, warehouse, day) grain with a row for days without movements, since "stock on day X" must not depend on whether something moved that day.',
      },
    ],
    solution: inventorySolution,
    explanation:
      "Inventory needs two fact tables: the transaction fact (movements, additive) and the periodic snapshot (stock on hand per day, semi-additive: it adds across products and warehouses but never across days). The snapshot is a running sum of daily net movements over a date spine; without the spine a quiet day has no row, and 'stock on 7 April' silently disappears from a report. Signed quantities make the running sum the stock; summing absolute values or receipts only does not.",
    hints: [
      'Two grains: one row per movement, and one row per (product, warehouse, day).',
      'Build a date spine (range over the days) joined to each pair from its first day; LEFT JOIN the daily net movement.',
      'on_hand = SUM(net) OVER (PARTITION BY sku, warehouse ORDER BY day); the value view joins the last day to unit_cost.',
    ],
    lessons: ['star-schema-modelling', 'stream-processing'],
    wrongAnswers: [
      {
        mistake: 'A snapshot row only on days with movements',
        sql: `${inventorySolution.slice(0, inventorySolution.indexOf('INSERT INTO fact_stock_daily'))}INSERT INTO fact_stock_daily SELECT sku, warehouse, day, SUM(n) OVER (PARTITION BY sku, warehouse ORDER BY day) FROM (SELECT sku, warehouse, CAST(moved_at AS DATE) AS day, SUM(quantity) AS n FROM fact_stock_movement GROUP BY 1, 2, 3);
CREATE VIEW answer_daily_stock AS SELECT sku, warehouse, day, on_hand FROM fact_stock_daily;
CREATE VIEW answer_stock_value AS SELECT warehouse, SUM(on_hand * unit_cost) FROM fact_stock_daily JOIN dim_product USING (sku) WHERE day = DATE '2025-04-14' GROUP BY 1;`,
        expected: { kind: 'question', view: 'answer_daily_stock', diagnosis: 'missing_rows' },
      },
      {
        mistake: 'Adds up absolute quantities, so picks increase the stock',
        sql: inventorySolution.replace(
          'SUM(quantity) AS quantity FROM fact_stock_movement',
          'SUM(ABS(quantity)) AS quantity FROM fact_stock_movement',
        ),
        expected: { kind: 'question', view: 'answer_daily_stock', diagnosis: 'wrong_values' },
      },
      {
        mistake: 'Unit cost as DOUBLE',
        sql: inventorySolution.replace('unit_cost DECIMAL(10,2) NOT NULL', 'unit_cost DOUBLE NOT NULL'),
        expected: { kind: 'rubric', item: 1 },
      },
    ],
  },
];
