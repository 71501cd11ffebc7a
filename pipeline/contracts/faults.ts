import { z } from 'zod';
import { faultProfiles } from './fault-profiles';
import { entities } from './records';

/**
 * Every fault the generator can inject, and what the pipeline is expected to do with it. ground-truth.json
 * lists each injected fault so the quality stage can compute the recall and precision of the checks.
 */
export const faultKinds = [
  'duplicate_exact', // the same record sent twice, byte for byte → dedupe removes the extra copy
  'duplicate_replay', // the same record re-sent later with a new ingested_at → dedupe removes it
  'late_event', // event_ts far behind ingested_at (hours) → accepted, flagged late by the freshness check
  'out_of_order', // emitted after events with a later event_ts → accepted (ordering is by event time)
  'schema_missing_field', // a required field absent → quarantined (MISSING_FIELD)
  'schema_renamed_field', // a field under an old name (e.g. `timestamp` for `event_ts`) → mapped, accepted
  'schema_extra_field', // an unknown field → accepted, kept in the `extra` JSON column
  'schema_wrong_type', // a field of the wrong type (a number as a string) → quarantined (TYPE_MISMATCH)
  'null_required', // null in a required field → quarantined (NULL_REQUIRED)
  'negative_price', // price or unit_price below zero → quarantined (OUT_OF_RANGE)
  'zero_quantity', // quantity 0 → quarantined (OUT_OF_RANGE)
  'future_timestamp', // a timestamp after the end of the generated window → quarantined (FUTURE_TIMESTAMP)
  'orphan_user', // a user_id that no user has → quarantined (ORPHAN_KEY)
  'orphan_product', // a product_id that no product has → quarantined (ORPHAN_KEY)
  'malformed_line', // a line that is not JSON (or a CSV row that cannot be parsed) → dead-letter (MALFORMED)
] as const;
export type FaultKind = (typeof faultKinds)[number];

/**
 * Faults only an incident round injects (pipeline/contracts/incidents.ts): they hit whole slices of the data the
 * way a real outage does (a partition, a device after a release), so no fault profile draws them per record.
 */
export const incidentFaultKinds = [
  'stuck_consumer', // one partition's events ingested hours late, all at once, when its consumer restarts → accepted
  'skewed_key', // an app release sends one fixed session_id: one key holds thousands of events → accepted
  'deploy_null_field', // after a bad deploy, mobile product events arrive without product_id → accepted
  'timezone_shift', // after a release, desktop clients write local time (UTC+2) labelled as UTC → accepted
] as const;
export type IncidentFaultKind = (typeof incidentFaultKinds)[number];

/** Every kind a ledger may hold. */
export const ledgerFaultKinds = [...faultKinds, ...incidentFaultKinds] as const;
export type LedgerFaultKind = (typeof ledgerFaultKinds)[number];

/** What the pipeline must do with a record carrying the fault. */
export type FaultOutcome = 'dedupe' | 'accept' | 'accept_flagged' | 'quarantine';

export const expectedOutcome: Record<LedgerFaultKind, FaultOutcome> = {
  duplicate_exact: 'dedupe',
  duplicate_replay: 'dedupe',
  late_event: 'accept_flagged',
  out_of_order: 'accept',
  schema_missing_field: 'quarantine',
  schema_renamed_field: 'accept',
  schema_extra_field: 'accept',
  schema_wrong_type: 'quarantine',
  null_required: 'quarantine',
  negative_price: 'quarantine',
  zero_quantity: 'quarantine',
  future_timestamp: 'quarantine',
  orphan_user: 'quarantine',
  orphan_product: 'quarantine',
  malformed_line: 'quarantine',
  // The pipeline's checks do not catch these: they are what an incident round asks the learner to find.
  stuck_consumer: 'accept',
  skewed_key: 'accept',
  deploy_null_field: 'accept',
  timezone_shift: 'accept',
};

/** Reason codes written beside every quarantined record. */
export const rejectReasons = [
  'MALFORMED',
  'MISSING_FIELD',
  'TYPE_MISMATCH',
  'NULL_REQUIRED',
  'OUT_OF_RANGE',
  'FUTURE_TIMESTAMP',
  'ORPHAN_KEY',
  'INVALID_VALUE',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export { faultProfiles, type FaultProfile } from './fault-profiles';

export const injectedFaultSchema = z.object({
  kind: z.enum(ledgerFaultKinds),
  entity: z.enum(entities),
  /** The id of the affected record (for users: `${user_id}#${version}`). */
  recordId: z.string(),
  /** The field the fault touched, where there is one. */
  field: z.string().optional(),
});
export type InjectedFault = z.infer<typeof injectedFaultSchema>;

export const groundTruthSchema = z.object({
  seed: z.number().int(),
  profile: z.enum(faultProfiles),
  /** Lines written per entity, including duplicates and malformed lines. */
  emitted: z.record(z.enum(entities), z.number().int().nonnegative()),
  /** Distinct clean records per entity before faults were injected. */
  clean: z.record(z.enum(entities), z.number().int().nonnegative()),
  faults: z.array(injectedFaultSchema),
});
export type GroundTruth = z.infer<typeof groundTruthSchema>;
