import type { Entity } from '../contracts/records';
import { eventTimeFieldByEntity, keyFieldByEntity } from '../contracts/records';
import { driftRenames } from './generate/drift-renames';

/** A field's current name followed by the old names schema drift may still send it under. */
export function namesOf(entity: Entity, field: string): string[] {
  const old = Object.entries(driftRenames[entity])
    .filter(([, current]) => current === field)
    .map(([oldName]) => oldName);
  return [field, ...old];
}

export const keyNamesOf = (entity: Entity) => namesOf(entity, keyFieldByEntity[entity]);
export const eventTimeNamesOf = (entity: Entity) => namesOf(entity, eventTimeFieldByEntity[entity]);
