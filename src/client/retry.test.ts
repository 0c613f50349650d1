import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError } from './errors.js';
import { backoffDelay, withRetry } from './retry.js';

const policy = { retries: 3, baseMs: 100, maxMs: 1000 };

describe('backoffDelay', () => {
  it('doubles from the base and stays within [half, full] of the ceiling', () => {
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, policy, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('is capped at maxMs however many attempts failed', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(1000);
    expect(backoffDelay(50, policy, () => 0)).toBe(500);
  });
});

describe('withRetry', () => {
  const down = () => new ConnectionError('refused', 'http://127.0.0.1:1/api/health', 'refused');

  it('retries connection errors, 5xx and 429, then succeeds', async () => {
    const failures = [down(), new ApiError(503, 'http_503', 'busy'), new ApiError(429, 'rate', 'slow down')];
    const waits: number[] = [];
    const result = await withRetry(
      async () => {
        const f = failures.shift();
        if (f) throw f;
        return 'ok';
      },
      policy,
      { sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([50, 100, 200]);
  });

  it('does not retry a 4xx answer', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw new ApiError(400, 'invalid_session', 'bad');
      },
      policy,
      { sleep: async () => {} },
    );
    await expect(run).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(1);
  });

  it('gives up after the last retry with the last error', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw down();
      },
      policy,
      { sleep: async () => {} },
    );
    await expect(run).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(4);
  });

  it('waits at least as long as Retry-After asks', async () => {
    const waits: number[] = [];
    let first = true;
    await withRetry(
      async () => {
        if (first) {
          first = false;
          throw new ApiError(429, 'rate_limited', 'slow down', 3);
        }
        return 1;
      },
      policy,
      { sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(waits).toEqual([3000]);
  });
});
