// End-to-end tests drive Debian's chromium (playwright-core, no downloaded browser) against
// the real server, listening on a port, on a private database with the Huế pack.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Role } from '../../src/shared/roles.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Imperial Citadel, inside Phường Phú Xuân. */
export const CITADEL = { latitude: 16.4698, longitude: 107.5786 };
export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1440, height: 900 };

export interface WebServer extends TestApp {
  baseUrl: string;
}

/** The whole server with the built app, listening on a free port. */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const t = await createTestApp({
    // No tile server is reachable in tests: the map must work without its basemap.
    env: { WEB_DIR: inject('webDir'), MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png', ...env },
  });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, baseUrl: address };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** A phone in Huế: Vietnamese, a small screen, touch, and GPS at the Citadel. */
export function phoneContext(browser: Browser, server: WebServer, options: { locale?: string } = {}) {
  return recordCspViolations(
    browser.newContext({
      baseURL: server.baseUrl,
      viewport: PHONE_VIEWPORT,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: options.locale ?? 'vi-VN',
      geolocation: CITADEL,
      permissions: ['geolocation'],
    }),
  );
}

export function desktopContext(browser: Browser, server: WebServer) {
  return recordCspViolations(
    browser.newContext({ baseURL: server.baseUrl, viewport: DESKTOP_VIEWPORT, locale: 'vi-VN' }),
  );
}

/** What the Content-Security-Policy blocked in any page of this test file, as chromium reports it. */
export const cspViolations: string[] = [];

async function recordCspViolations(opening: Promise<BrowserContext>): Promise<BrowserContext> {
  const context = await opening;
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return context;
}

/** Signs a citizen in through the page, reading the texted code as the phone would. */
export async function signInCitizen(page: Page, server: WebServer, phone: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#phone').fill(phone);
  await page.locator('form button[type=submit]').click();
  await page.locator('#code').waitFor();
  await page.locator('#code').fill(server.sms.lastCodeFor(normalisedPhone(phone)));
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** 0905123456 → +84905123456, as the server stores and texts it. */
export function normalisedPhone(phone: string): string {
  return phone.startsWith('0') ? `+84${phone.slice(1)}` : phone;
}

/** A user made directly in the database, with a bearer token for API calls. */
export function apiUser(server: WebServer, role: Role, agencyCode?: string): Promise<TestUser> {
  return createUser(server.db, role, agencyCode ? { agencyCode } : {});
}

/** An API call as a person outside the browser (staff acting while the citizen watches). */
export async function callApi<T = unknown>(
  server: WebServer,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: { ...user.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Saves a full-page screenshot where the run said it would. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(inject('screenshotDir'), `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; returns serious and critical findings. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the debugger, not as an inline <script> (the app's CSP rightly refuses those)
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // runs in the page: its globals are the browser's
    const page = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
      document: unknown;
    };
    const result = (await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface ContrastFindings {
  /** Every colour-contrast violation, whatever its impact. */
  violations: { target: string[]; summary: string }[];
  /** The pairs axe could not decide (text over an image, a gradient, another element). */
  incomplete: { target: string[]; summary: string }[];
}

/** Runs axe-core's colour-contrast rule alone (AA: 4.5:1, 3:1 for large text), all impacts kept. */
export async function contrastFindings(page: Page): Promise<ContrastFindings> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Node = { target: string[]; failureSummary?: string; any: { message: string }[] };
    type Rule = { nodes: Node[] };
    // runs in the page: its globals are the browser's
    const page = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Rule[]; incomplete: Rule[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    const nodes = (rules: Rule[]) =>
      rules.flatMap((rule) =>
        rule.nodes.map((node) => ({
          target: node.target,
          summary: node.any.map((check) => check.message).join(' ') || (node.failureSummary ?? ''),
        })),
      );
    return { violations: nodes(result.violations), incomplete: nodes(result.incomplete) };
  });
}

export type { Browser, BrowserContext, Page };
