import type { RoundGrade, RoundStatus } from '@/lib/incidents/round-types';

export interface ApiFailure {
  status: number;
  message: string;
  fieldErrors: Record<string, string>;
}

async function call<T>(
  url: string,
  init?: RequestInit,
): Promise<{ ok: true; value: T } | { ok: false; failure: ApiFailure }> {
  const response = await fetch(url, { cache: 'no-store', ...init });
  const body = (await response.json().catch(() => null)) as
    (T & { error?: { message?: string }; fieldErrors?: Record<string, string> }) | null;
  if (response.ok && body) return { ok: true, value: body };
  return {
    ok: false,
    failure: {
      status: response.status,
      message: body?.error?.message ?? `The server answered ${response.status}.`,
      fieldErrors: body?.fieldErrors ?? {},
    },
  };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const startRound = (incident: string | null) =>
  call<{ runId: string; position: number }>('/api/incidents', json(incident ? { incident } : {}));

export const roundStatus = (runId: string) =>
  call<RoundStatus>(`/api/incidents/${encodeURIComponent(runId)}`);

export const gradeRound = (runId: string, check: string, rootCause: string) =>
  call<RoundGrade>(`/api/incidents/${encodeURIComponent(runId)}/grade`, json({ check, rootCause }));
