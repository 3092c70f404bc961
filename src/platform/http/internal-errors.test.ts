import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClassifier } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { DEFAULT_CASE_SETTINGS } from '../../modules/cases/settings.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/index.js';
import { openPglite } from '../db/pglite.js';
import type { App } from './types.js';

let app: App;
let db: Database;
const logs: string[] = [];
beforeAll(async () => {
  db = await openPglite(undefined);
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    db,
    logStream,
    caseSettings: DEFAULT_CASE_SETTINGS,
    triage: await testClassifier(),
  });
  app.get('/boom', { config: { access: 'public' } }, async () => {
    throw new Error('connection to 10.0.0.5 refused: password authentication failed for user citypulse');
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('an unexpected error', () => {
  it('is a 500 that leaks no internals, and is logged in full', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' },
    });
    expect(response.body).not.toContain('10.0.0.5');
    expect(logs.join('')).toContain('password authentication failed');
  });
});
