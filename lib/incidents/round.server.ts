import 'server-only';
import { randomBytes, randomInt } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '@/pipeline/contracts/errors';
import { incidentTypes, type IncidentType } from '@/pipeline/contracts/incidents';
import {
  defaultStartDate,
  manifestSchema,
  type Manifest,
  type RunConfig,
} from '@/pipeline/contracts/manifest';
import { env } from '@/lib/env';
import { isActive, launch, readWhenIdle } from '@/lib/runs/launcher.server';
import { readManifest, runDirectory } from '@/lib/runs/registry.server';
import { incidentCatalog } from './catalog';
import { prepareCheckSql } from './check-sql';
import { gradeOnRuns, lookUpExamples } from './grade-check.server';
import { referenceChecks } from './reference-checks';
import type { GradeRequest, RoundGrade, RoundStatus, SeedsState } from './round-types';
import { diagnose, passes } from './score';

/** The learner's run: small enough to finish in seconds on the embedded tier, large enough for every incident. */
export const roundEvents = 20_000;
/** The hidden runs each check is also graded on: the same incident on other seeds, smaller still. */
export const hiddenSeeds = [7, 1234] as const;
export const hiddenEvents = 10_000;
const days = 7;

function config(incident: IncidentType, seed: number, events: number): RunConfig {
  return {
    seed,
    events,
    days,
    // Ignored with an incident (only its faults are injected); kept valid for every reader of the manifest.
    faults: 'realistic',
    tier: 'embedded',
    startDate: defaultStartDate,
    partitions: 4,
    incident,
  };
}

/** Hidden runs live beside the runs root, not in it: the console and the playground never list them. */
function seedsRoot(): string {
  return path.join(path.dirname(env().runsDir), 'incident-seeds');
}

function seedRunId(incident: IncidentType, seed: number): string {
  return `incident-seed-${incident.replaceAll('_', '-')}-${seed}`;
}

function seedRunDir(incident: IncidentType, seed: number): string {
  return path.join(seedsRoot(), seedRunId(incident, seed));
}

/** Export has succeeded: the warehouse is complete (quality is not run: its report names the fault kinds). */
function warehouseReady(manifest: Manifest): boolean {
  return manifest.stages.some((stage) => stage.name === 'export' && stage.status === 'succeeded');
}

type SeedState = { ready: true } | { ready: false; failed: string | null };

async function seedState(dir: string): Promise<SeedState> {
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  } catch {
    return { ready: false, failed: null };
  }
  const failed = manifest.stages.find((stage) => stage.status === 'failed');
  if (failed) return { ready: false, failed: failed.error?.message ?? `stage ${failed.name} failed` };
  const built =
    warehouseReady(manifest) && (await stat(path.join(dir, 'warehouse.duckdb')).catch(() => null));
  return built ? { ready: true } : { ready: false, failed: null };
}

/**
 * Builds the incident's hidden runs unless they are built or building; idempotent, so every status call may ask.
 * A build that failed is started again only when a round starts (`retryFailed`), not on every status poll.
 */
export async function ensureHiddenSeeds(incident: IncidentType, retryFailed = false): Promise<SeedsState> {
  let ready = 0;
  let error: string | undefined;
  for (const seed of hiddenSeeds) {
    const dir = seedRunDir(incident, seed);
    const runId = seedRunId(incident, seed);
    const state = await seedState(dir);
    if (state.ready) {
      ready++;
      continue;
    }
    if (isActive(runId)) continue;
    if (state.failed !== null && !retryFailed) {
      error = `A hidden run failed (${state.failed.slice(0, 200)}); start a new round to build it again.`;
      continue;
    }
    try {
      // A failed or half-written earlier build is started again from nothing.
      await rm(dir, { recursive: true, force: true });
      await launch({ runId, runDir: dir, config: config(incident, seed, hiddenEvents), until: 'export' });
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
  }
  return { ready, total: hiddenSeeds.length, ...(error ? { error } : {}) };
}

export interface StartedRound {
  runId: string;
  position: number;
}

export async function startRound(requested?: IncidentType): Promise<StartedRound> {
  const incident = requested ?? incidentTypes[randomInt(incidentTypes.length)]!;
  let seed = randomInt(1, 2 ** 31 - 1);
  while ((hiddenSeeds as readonly number[]).includes(seed)) seed = randomInt(1, 2 ** 31 - 1);
  // The id says nothing of the incident: the learner finds out by querying.
  const runId = `incident-${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
  const position = await launch({ runId, config: config(incident, seed, roundEvents), until: 'export' });
  await ensureHiddenSeeds(incident, true);
  return { runId, position };
}

async function incidentOf(runId: string): Promise<{ manifest: Manifest; incident: IncidentType }> {
  const manifest = await readManifest(runId);
  const incident = manifest.config.incident;
  if (!incident) throw new PipelineError('NOT_FOUND', `Run "${runId}" is not an incident round.`);
  return { manifest, incident };
}

export async function roundStatus(runId: string): Promise<RoundStatus> {
  runDirectory(runId);
  let found: { manifest: Manifest; incident: IncidentType };
  try {
    found = await incidentOf(runId);
  } catch (error) {
    // Queued: the child has not written the manifest yet.
    if (isActive(runId))
      return {
        runId,
        status: 'queued',
        stage: null,
        seeds: { ready: 0, total: hiddenSeeds.length },
        gradable: false,
      };
    throw error;
  }
  const { manifest, incident } = found;
  const seeds = await ensureHiddenSeeds(incident);
  const running = manifest.stages.find((stage) => stage.status === 'running');
  const failed = manifest.stages.find((stage) => stage.status === 'failed');
  const ready = warehouseReady(manifest) && !isActive(runId);
  const status = ready
    ? 'ready'
    : failed && !isActive(runId)
      ? 'failed'
      : isActive(runId)
        ? 'running'
        : 'failed';
  return {
    runId,
    status,
    stage: running?.name ?? null,
    seeds,
    gradable: ready && seeds.ready === seeds.total,
    ...(failed?.error ? { error: failed.error.message } : {}),
  };
}

export async function gradeRound(runId: string, request: GradeRequest): Promise<RoundGrade> {
  const { manifest, incident } = await incidentOf(runId);
  const prepared = prepareCheckSql(request.check);
  if (!prepared.ok) throw new PipelineError('INVALID_ARGUMENT', prepared.message);
  if (!warehouseReady(manifest) || isActive(runId))
    throw new PipelineError(
      'CONFLICT',
      'The round’s run is still running: grade once its warehouse is exported.',
    );
  const seeds = await ensureHiddenSeeds(incident);
  if (seeds.ready < seeds.total)
    throw new PipelineError(
      'CONFLICT',
      `The hidden runs are still being built (${seeds.ready} of ${seeds.total} ready): try again in a few seconds.`,
    );
  const runDir = runDirectory(runId);
  return readWhenIdle(runId, async () => {
    const scores = await gradeOnRuns(incident, prepared.sql, [
      { label: 'your run', runDir },
      ...hiddenSeeds.map((seed, index) => ({
        label: `hidden run ${index + 1}`,
        runDir: seedRunDir(incident, seed),
      })),
    ]);
    const own = scores[0]!;
    return {
      rootCause: { chosen: request.rootCause, actual: incident, correct: request.rootCause === incident },
      scores,
      checkPassed: scores.every(passes),
      diagnosis: diagnose(scores),
      missed: await lookUpExamples(runDir, own.missed),
      falsePositives: await lookUpExamples(runDir, own.falsePositives),
      incident: { type: incident, ...incidentCatalog[incident], referenceCheck: referenceChecks[incident] },
    };
  });
}
