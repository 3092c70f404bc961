// The server is killed (SIGKILL) in the middle of a stream of submissions and started again:
// every submission that was answered 2xx is there, and retries with the same
// Idempotency-Key create nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshServerPlace, type ServerPlace, type Started, startServer } from './processes.js';

let place: ServerPlace;
let env: Record<string, string>;

beforeAll(async () => {
  place = await freshServerPlace('crash');
  // one citizen sends 400 reports here: the per-account and per-address limits are not what is tested
  env = { ...place.env, REPORTS_PER_ACCOUNT: '0', REPORTS_PER_IP: '0' };
});
afterAll(() => place.close());

async function citizenToken(server: Started): Promise<string> {
  const post = (url: string, body: unknown) =>
    fetch(`${server.baseUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/api/v1/auth/code', { phone: '0900000001' });
  let code: string | undefined;
  for (let i = 0; i < 50 && !code; i++) {
    code = /Your sign-in code is (\d{6})/.exec(server.output())?.[1];
    if (!code) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const response = await post('/api/v1/auth/code/verify', { phone: '0900000001', code, session_type: 'bearer' });
  return ((await response.json()) as { token: string }).token;
}

interface Attempt {
  key: string;
  answeredId?: string;
}

async function submit(baseUrl: string, token: string, attempt: Attempt): Promise<void> {
  try {
    const response = await fetch(`${baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': attempt.key },
      body: JSON.stringify({ description: `Crash test ${attempt.key}`, lat: 16.4698, lon: 107.5786 }),
    });
    if (response.status === 201) attempt.answeredId = ((await response.json()) as { id: string }).id;
  } catch {
    // the server died before answering: the client will retry
  }
}

describe('a crash in the middle of submissions', () => {
  it('keeps every answered submission and never duplicates a retried one', async () => {
    const first = await startServer(env);
    const token = await citizenToken(first);
    const attempts: Attempt[] = Array.from({ length: 400 }, (_, i) => ({ key: `crash-${String(i).padStart(4, '0')}` }));
    let next = 0;
    const worker = async () => {
      while (next < attempts.length) await submit(first.baseUrl, token, attempts[next++] as Attempt);
    };
    const workers = Promise.all(Array.from({ length: 8 }, worker));
    // kill it once some submissions have been answered, while others are in flight
    while (attempts.filter((a) => a.answeredId).length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.stop('SIGKILL');
    await workers;
    const answered = attempts.filter((a) => a.answeredId);
    expect(answered.length).toBeGreaterThanOrEqual(40);
    expect(answered.length).toBeLessThan(attempts.length);

    const second = await startServer(env);
    try {
      // the client retries everything it sent, answered or not
      const retried = attempts.slice(0, next);
      const before = new Map(retried.map((a) => [a.key, a.answeredId]));
      for (const attempt of retried) await submit(second.baseUrl, token, attempt);
      for (const attempt of retried) {
        expect(attempt.answeredId, attempt.key).toBeDefined();
        const earlier = before.get(attempt.key);
        if (earlier) expect(attempt.answeredId).toBe(earlier);
      }
      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const response: Response = await fetch(
          `${second.baseUrl}/api/v1/me/reports?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        const page = (await response.json()) as { items: { id: string }[]; next: string | null };
        for (const item of page.items) ids.add(item.id);
        cursor = page.next;
      } while (cursor);
      expect(ids.size).toBe(retried.length);
      for (const attempt of answered) expect(ids.has(attempt.answeredId as string)).toBe(true);
    } finally {
      await second.stop();
    }
  }, 120_000); // two server processes started one after the other, 800 submissions
});
