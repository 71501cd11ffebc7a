import type { OrderRecord, UserRecord } from '../../contracts/records';

/**
 * The shop's operational tables as both tiers hold them (PostgreSQL on the services tier, a DuckDB file per run on
 * the embedded tier): the same schema name, tables, columns and rows, so a learner's query reads either. Every row
 * carries the run id. Money leaves as exact cents strings, never as a float.
 */
export const operationalSchemaName = 'pipeline_lab_oltp';

export type OperationalTable = 'users' | 'orders' | 'order_lines';

/** Every table in the order a replacement writes them (order lines after their orders). */
export const operationalTables: readonly OperationalTable[] = ['users', 'orders', 'order_lines'];

export type OperationalCell = string | number | boolean | null | readonly string[];

/** Each column with the SQL element type its values are sent as (one array parameter per column). */
export const operationalColumns: Record<
  OperationalTable,
  ReadonlyArray<readonly [name: string, type: string]>
> = {
  users: [
    ['run_id', 'text'],
    ['user_id', 'text'],
    ['version', 'int'],
    ['email', 'text'],
    ['first_name', 'text'],
    ['last_name', 'text'],
    ['birth_year', 'smallint'],
    ['country', 'text'],
    ['city', 'text'],
    ['segment', 'text'],
    ['loyalty_tier', 'text'],
    ['preferred_categories', 'text[]'],
    ['marketing_opt_in', 'bool'],
    ['signup_ts', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  orders: [
    ['run_id', 'text'],
    ['order_id', 'text'],
    ['user_id', 'text'],
    ['session_id', 'text'],
    ['order_ts', 'timestamptz'],
    ['status', 'text'],
    ['payment_method', 'text'],
    ['currency', 'text'],
    ['subtotal', 'numeric'],
    ['discount', 'numeric'],
    ['shipping', 'numeric'],
    ['total', 'numeric'],
    ['coupon_code', 'text'],
    ['shipping_country', 'text'],
  ],
  order_lines: [
    ['run_id', 'text'],
    ['order_id', 'text'],
    ['line_no', 'int'],
    ['product_id', 'text'],
    ['quantity', 'int'],
    ['unit_price', 'numeric'],
    ['line_total', 'numeric'],
  ],
};

const cents = (value: number): string => value.toFixed(2);

export function userRow(runId: string, user: UserRecord): OperationalCell[] {
  return [
    runId,
    user.user_id,
    user.version,
    user.email,
    user.first_name,
    user.last_name,
    user.birth_year,
    user.country,
    user.city,
    user.segment,
    user.loyalty_tier,
    user.preferred_categories,
    user.marketing_opt_in,
    user.signup_ts,
    user.updated_at,
  ];
}

export function orderRow(runId: string, order: OrderRecord): OperationalCell[] {
  return [
    runId,
    order.order_id,
    order.user_id,
    order.session_id,
    order.order_ts,
    order.status,
    order.payment_method,
    order.currency,
    cents(order.subtotal),
    cents(order.discount),
    cents(order.shipping),
    cents(order.total),
    order.coupon_code,
    order.shipping_country,
  ];
}

export function orderLineRows(runId: string, order: OrderRecord): OperationalCell[][] {
  return order.lines.map((line) => [
    runId,
    order.order_id,
    line.line_no,
    line.product_id,
    line.quantity,
    cents(line.unit_price),
    cents(line.line_total),
  ]);
}

/** Rows per statement: bounds the size of one message; the round trips are rows / this, never one per row. */
export const rowsPerStatement = 10_000;

/** The rows in chunks of `rowsPerStatement`, each as one array per column. */
export function columnChunks(
  table: OperationalTable,
  rows: OperationalCell[][],
): Array<{ values: OperationalCell[][]; rows: number }> {
  const columns = operationalColumns[table];
  const chunks = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    chunks.push({
      values: columns.map((_, column) => chunk.map((row) => row[column] ?? null)),
      rows: chunk.length,
    });
  }
  return chunks;
}

/** This run's rows of every table, as a replacement writes them: profiles first, then each order and its lines. */
export interface OperationalRowWriter {
  /** Inserts the rows (duplicates of a key already written are skipped); returns how many were inserted. */
  insert(table: OperationalTable, rows: OperationalCell[][]): Promise<number>;
}

/**
 * Writes the records through `writer`, counting what was inserted. Rows are gathered up to `rowsPerStatement` per
 * table before each insert: the generated files arrive in small read batches, and a statement costs a round trip
 * (PostgreSQL) or a plan and an index pass (DuckDB) whatever its size. Order lines follow their orders.
 */
export async function writeOperationalRecords(
  runId: string,
  records: { users: AsyncIterable<UserRecord[]>; orders: AsyncIterable<OrderRecord[]> },
  writer: OperationalRowWriter,
): Promise<{ users: number; orders: number; orderLines: number }> {
  const counts = { users: 0, orders: 0, orderLines: 0 };
  let users: OperationalCell[][] = [];
  for await (const batch of records.users) {
    for (const user of batch) users.push(userRow(runId, user));
    if (users.length >= rowsPerStatement) {
      counts.users += await writer.insert('users', users);
      users = [];
    }
  }
  if (users.length > 0) counts.users += await writer.insert('users', users);
  let orders: OperationalCell[][] = [];
  let lines: OperationalCell[][] = [];
  const flushOrders = async () => {
    counts.orders += await writer.insert('orders', orders);
    counts.orderLines += await writer.insert('order_lines', lines);
    orders = [];
    lines = [];
  };
  for await (const batch of records.orders) {
    for (const order of batch) {
      orders.push(orderRow(runId, order));
      lines.push(...orderLineRows(runId, order));
    }
    if (orders.length >= rowsPerStatement || lines.length >= rowsPerStatement) await flushOrders();
  }
  if (orders.length > 0) await flushOrders();
  return counts;
}
