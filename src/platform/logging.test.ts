// Logs never hold a credential written into a URL (Open311 clients put api_key there).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { redactUrl } from './logging.js';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  t = await createTestApp({ pack: false, env: { LOG_LEVEL: 'info' }, logStream });
});
afterAll(() => t.close());

describe('request logs', () => {
  it('redact an api_key in the query string but keep the rest of the URL', async () => {
    await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&api_key=k_live_SECRET123' });
    await t.app.inject({ method: 'GET', url: '/api/v1/nothing?API_KEY=k_live_SECRET456&x=1' });
    const logged = logLines.join('\n');
    expect(logged).toContain('/open311/v2/requests.json?status=open&api_key=[redacted]');
    expect(logged).toContain('/api/v1/nothing?API_KEY=[redacted]&x=1');
    expect(logged).not.toMatch(/SECRET123|SECRET456/);
  });

  it('redact every credential-like parameter', () => {
    expect(redactUrl('/x?token=abc&keep=1&access_token=def#frag')).toBe(
      '/x?token=[redacted]&keep=1&access_token=[redacted]#frag',
    );
    expect(redactUrl('/x?monkey=1')).toBe('/x?monkey=1');
  });
});
