// Every answer carries the security headers; the CSP lets in the configured basemap's tiles;
// HSTS is sent in production only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { tileSource } from './security-headers.js';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ pack: false, env: { MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' } });
  });
  afterAll(() => t.close());

  it('are on API answers, errors and the docs', async () => {
    for (const url of ['/health', '/api/v1/nothing-here', '/api/docs/']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toMatch(/img-src [^;]*https:\/\/\*\.tiles\.example\.org/);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('include HSTS in production', async () => {
    const production = await createTestApp({
      pack: false,
      env: { NODE_ENV: 'production', SMS_GATEWAY_URL: 'https://sms.example/send', LOG_LEVEL: 'silent' },
    });
    try {
      const response = await production.app.inject({ method: 'GET', url: '/health' });
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    } finally {
      await production.close();
    }
  });

  it('read the tile server from the MAP_TILE_URL template', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('https://{s}.tile.example/{z}/{x}/{y}.png')).toBe('https://*.tile.example');
    expect(tileSource('http://127.0.0.1:9/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:9');
    expect(tileSource('https://a{s}.tiles.example/{z}/{x}/{y}.png')).toBe('https:');
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
  });
});
