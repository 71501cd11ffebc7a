import { describe, expect, it } from 'vitest';
import { maxBrowserEvents, parseRunRequest } from './run-request';

const good = { seed: 42, events: 50_000, days: 14, faults: 'realistic', tier: 'embedded', stepMode: true };

describe('parseRunRequest', () => {
  it('accepts a valid body and fills defaults, leaving the tier to the server when none is asked for', () => {
    const result = parseRunRequest({ seed: 0, events: 1000, days: 1, faults: 'none' });
    expect(result).toEqual({
      ok: true,
      value: { seed: 0, events: 1000, days: 1, faults: 'none', engine: 'duckdb', stepMode: false },
    });
    expect(parseRunRequest({ ...good, tier: 'services' })).toMatchObject({
      ok: true,
      value: { tier: 'services' },
    });
    expect(parseRunRequest({ ...good, tier: 'kafka' })).toMatchObject({
      ok: false,
      fieldErrors: { tier: 'Tier must be embedded or services.' },
    });
  });

  it('takes the Spark engine when asked for and refuses an unknown engine on its field', () => {
    expect(parseRunRequest({ ...good, engine: 'spark' })).toMatchObject({
      ok: true,
      value: { engine: 'spark' },
    });
    expect(parseRunRequest({ ...good, engine: 'flink' })).toMatchObject({
      ok: false,
      fieldErrors: { engine: 'Engine must be duckdb or spark.' },
    });
  });

  it('refuses too many events with a message on the events field', () => {
    const result = parseRunRequest({ ...good, events: maxBrowserEvents + 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.events).toMatch(/At most 2,000,000 events/);
  });

  it('refuses a negative seed, an unknown profile and fractional days, each on its own field', () => {
    const result = parseRunRequest({ ...good, seed: -1, faults: 'apocalypse', days: 1.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.seed).toBe('Seed must be 0 or more.');
    expect(result.fieldErrors.faults).toMatch(/none, realistic, chaos/);
    expect(result.fieldErrors.days).toBe('Days must be a whole number.');
    expect(result.fieldErrors.events).toBeUndefined();
  });

  it('refuses strings where numbers belong and a body that is not an object', () => {
    const result = parseRunRequest({ ...good, events: '50000' });
    expect(result.ok === false && result.fieldErrors.events).toBe('Events must be a whole number.');
    const notObject = parseRunRequest(null);
    expect(notObject.ok === false && notObject.fieldErrors.form).toBe('The body must be a JSON object.');
  });
});
