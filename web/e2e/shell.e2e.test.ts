// The app shell: it is served at / and at deep links, a citizen signs in with a texted code,
// the language switches to English and stays so, and the first screens pass an axe scan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  cspViolations,
  launchBrowser,
  phoneContext,
  screenshot,
  seriousA11yViolations,
  signInCitizen,
  startWebServer,
  type WebServer,
} from './harness.js';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the citizen app shell', () => {
  it('serves the app at deep links and the API beside it', async () => {
    const deep = await fetch(`${server.baseUrl}/reports/some-id`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const config = (await (await fetch(`${server.baseUrl}/api/v1/client-config`)).json()) as {
      map: { tile_url: string };
    };
    expect(config.map.tile_url).toContain('{z}');
  });

  it('signs a citizen in with the texted code and out again', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Xin chào!');
    // the hub: a tile per section that has landed, each a link to its screen
    const tiles = page.getByRole('navigation', { name: 'Các mục của ứng dụng' }).getByRole('link');
    const links = await tiles.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['/report', '/map', '/reports', '/transparency']);
    await page.getByRole('link', { name: /^Phản ánh hiện trường/ }).click();
    await page.waitForURL('**/sign-in?next=%2Freport');
    await page.goto('/');
    await screenshot(page, 'citizen-00-home');
    await page.goto('/sign-in');
    await screenshot(page, 'citizen-01-sign-in');
    await signInCitizen(page, server, '0905111222');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await context.close();
  });

  it('a bad number and a wrong code are errors in Vietnamese words, and nothing is signed in', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.locator('#phone').fill('123');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Số điện thoại không hợp lệ');
    await page.locator('#phone').fill('0905333444');
    await page.locator('form button[type=submit]').click();
    await page.locator('#code').fill('000000');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Mã xác nhận không đúng');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('switches to English in one tap and remembers it', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    // English texts are fetched on the switch: wait for them
    await page.getByRole('heading', { level: 1, name: 'Hello!' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hello!' }).waitFor();
    await screenshot(page, 'citizen-02-home-english');
    await context.close();
  });

  it('the home and sign-in screens have no serious or critical accessibility violation', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    for (const path of ['/', '/sign-in']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await context.close();
  });

  it('runs every screen above under its Content-Security-Policy with nothing blocked', async () => {
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(cspViolations).toEqual([]);
  });
});
