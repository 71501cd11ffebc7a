import type { FaultKind, IncidentFaultKind } from './faults';

/**
 * The incidents an incident round can stage: each is one or two fault kinds of the injector, injected into the
 * events of a run and nothing else, so every record in the run's ledger belongs to the incident. Each incident
 * leaves a trace a SQL check on the warehouse can find (a column, the quarantine or dedupe_removed table); kinds
 * the pipeline repairs without a trace (a renamed field, an exact duplicate) are not incidents here.
 */
export const incidentTypes = [
  'replay_duplicates',
  'late_arrivals',
  'schema_drift',
  'orphan_keys',
  'stuck_consumer',
  'skewed_key',
  'bad_deploy_nulls',
  'timezone_bug',
  'clock_skew',
  'type_change',
] as const;
export type IncidentType = (typeof incidentTypes)[number];

export type IncidentKind = FaultKind | IncidentFaultKind;

export const incidentKinds: Record<IncidentType, readonly IncidentKind[]> = {
  replay_duplicates: ['duplicate_replay'],
  late_arrivals: ['late_event', 'out_of_order'],
  schema_drift: ['schema_extra_field'],
  orphan_keys: ['orphan_user', 'orphan_product'],
  stuck_consumer: ['stuck_consumer'],
  skewed_key: ['skewed_key'],
  bad_deploy_nulls: ['deploy_null_field'],
  timezone_bug: ['timezone_shift'],
  clock_skew: ['future_timestamp'],
  type_change: ['schema_wrong_type'],
};

export function isIncidentType(value: unknown): value is IncidentType {
  return (incidentTypes as readonly unknown[]).includes(value);
}
