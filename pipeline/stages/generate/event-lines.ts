import { devices, eventTypes, referrers, type EventRecord } from '../../contracts/records';
import { csvCell, csvColumns, schemaFields, type LineFormat } from './record-format';
import { sessionIdText } from './ids';
import type { PendingEvent } from './pending';
import type { World } from './session-simulator';
import { formatIso } from './time-format';

/**
 * The hot path: a clean event becomes its NDJSON or CSV line by string concatenation, with every value that
 * needs quoting prepared once (JSON literals of URLs and queries). A test checks these lines are byte-identical
 * to JSON.stringify / the generic CSV writer on the same record, so the fast path can never drift from the slow one.
 */
const typeJson = eventTypes.map((name) => `","event_type":"${name}","event_ts":"`);
const deviceJson = devices.map((name) => `","device":"${name}","referrer":"`);
const referrerJson = referrers.map((name) => `${name}","page_url":`);
const csvTrailing = ','.repeat(csvColumns('events').length - schemaFields('events').length);
const csvCellOfJson = new Map<string, string>();

function csvFromJsonLiteral(json: string): string {
  let cell = csvCellOfJson.get(json);
  if (cell === undefined) {
    cell = csvCell(JSON.parse(json) as string);
    csvCellOfJson.set(json, cell);
  }
  return cell;
}

export function eventLine(format: LineFormat, event: PendingEvent, eventId: string, world: World): string {
  const userId = world.users.ids[event.user]!;
  const productId = event.product >= 0 ? world.catalog.ids[event.product]! : null;
  const eventTs = formatIso(event.timeMs);
  const ingestedAt = formatIso(event.timeMs + event.ingestDelayMs);
  if (format === 'ndjson') {
    return (
      '{"event_id":"' +
      eventId +
      typeJson[event.type] +
      eventTs +
      '","ingested_at":"' +
      ingestedAt +
      '","user_id":"' +
      userId +
      '","session_id":"' +
      sessionIdText(world.eventIdKey, event.sessionIndex, event.sessionStartMs) +
      deviceJson[event.device] +
      referrerJson[event.referrer] +
      world.pageUrlsJson[event.pageUrl] +
      (productId === null ? ',"product_id":null' : ',"product_id":"' + productId + '"') +
      (event.query < 0 ? ',"search_query":null' : ',"search_query":' + world.search.queryJson[event.query]) +
      (event.quantity === 0 ? ',"quantity":null' : ',"quantity":' + event.quantity) +
      (event.orderId === null ? ',"order_id":null' : ',"order_id":"' + event.orderId + '"') +
      ',"schema_version":1}\n'
    );
  }
  return (
    eventId +
    ',' +
    eventTypes[event.type] +
    ',' +
    eventTs +
    ',' +
    ingestedAt +
    ',' +
    userId +
    ',' +
    sessionIdText(world.eventIdKey, event.sessionIndex, event.sessionStartMs) +
    ',' +
    devices[event.device] +
    ',' +
    referrers[event.referrer] +
    ',' +
    csvFromJsonLiteral(world.pageUrlsJson[event.pageUrl]!) +
    ',' +
    (productId ?? '') +
    ',' +
    (event.query < 0 ? '' : csvFromJsonLiteral(world.search.queryJson[event.query]!)) +
    ',' +
    (event.quantity === 0 ? '' : event.quantity) +
    ',' +
    (event.orderId ?? '') +
    ',1' +
    csvTrailing +
    '\n'
  );
}

/** The same event as a record object, for the slow path (faults) and for tests. */
export function eventRecordOf(event: PendingEvent, eventId: string, world: World): EventRecord {
  return {
    event_id: eventId,
    event_type: eventTypes[event.type]!,
    event_ts: formatIso(event.timeMs),
    ingested_at: formatIso(event.timeMs + event.ingestDelayMs),
    user_id: world.users.ids[event.user]!,
    session_id: sessionIdText(world.eventIdKey, event.sessionIndex, event.sessionStartMs),
    device: devices[event.device]!,
    referrer: referrers[event.referrer]!,
    page_url: world.pageUrls[event.pageUrl]!,
    product_id: event.product >= 0 ? world.catalog.ids[event.product]! : null,
    search_query: event.query >= 0 ? world.search.queries[event.query]! : null,
    quantity: event.quantity === 0 ? null : event.quantity,
    order_id: event.orderId,
    schema_version: 1,
  };
}
