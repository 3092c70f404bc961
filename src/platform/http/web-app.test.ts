// The built app is served at its own routes with 200 and at any other path with 404 (and the
// app's page, which shows its not-found screen), so monitors and search engines see the truth.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;

beforeAll(async () => {
  const webDir = mkdtempSync(join(tmpdir(), 'citypulse-web-app-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  t = await createTestApp({ pack: false, env: { WEB_DIR: webDir } });
});
afterAll(() => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('the web app’s routes', () => {
  it.each([
    '/',
    '/sign-in',
    '/map',
    '/report',
    '/reports',
    '/reports/0b8c7f3e-1111-4222-8333-444455556666',
    '/cases/HUE-2026-000001',
    '/inbox',
    '/transparency',
    '/me',
    '/staff',
    '/staff/cases/abc',
    '/staff/admin/users',
    '/alerts',
    '/city/air',
    '/transit',
    '/services',
    '/assistant',
    '/payments',
    '/account',
  ])('%s is the app, with 200', async (path) => {
    const response = await get(path);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
  });

  it.each(['/nothing-here', '/reportz', '/wp-login.php/x', '/reports/a/b', '/map/extra', '/cases'])(
    '%s is the app’s not-found page, with 404',
    async (path) => {
      const response = await get(path);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('<div id="root">');
    },
  );

  it('serves files and keeps the API’s own 404', async () => {
    expect((await get('/assets/app-1234.js')).statusCode).toBe(200);
    expect((await get('/assets/missing.js')).statusCode).toBe(404);
    const api = await get('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });
});
