import { describe, expect, it } from 'vitest';
import { PipelineError } from '@/pipeline/contracts/errors';
import { QueueFullError } from '@/lib/runs/run-queue';
import { errorResponse, withoutServerPaths } from './error-response';

describe('errorResponse', () => {
  it('shows paths below the runs root relative to it, and the project relative to "."', () => {
    const roots = ['/srv/lab', '/srv/lab/.data/runs'];
    expect(withoutServerPaths('/srv/lab/.data/runs/r1/manifest.json is not valid JSON.', roots)).toBe(
      'r1/manifest.json is not valid JSON.',
    );
    expect(withoutServerPaths('cannot open /srv/lab/.cache/x and /srv/lab', roots)).toBe(
      'cannot open .cache/x and .',
    );
  });

  it('never answers with the working directory', async () => {
    const response = errorResponse(
      new PipelineError('IO_ERROR', `cannot write ${process.cwd()}/.data/runs/r1/lake`),
    );
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(process.cwd());
  });

  it('answers a full queue with 429 and Retry-After', async () => {
    const response = errorResponse(new QueueFullError('full', 30));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({ error: { code: 'QUEUE_FULL', message: 'full' } });
  });
});
