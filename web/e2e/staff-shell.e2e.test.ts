// The staff console's door: a citizen session does not open it, a first sign-in with a
// temporary password must choose a new one, and the navigation follows the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { createUser } from '../../test/factories.js';
import {
  type Browser,
  desktopContext,
  launchBrowser,
  screenshot,
  seriousA11yViolations,
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

async function staffWithPassword(role: 'operator' | 'agency_staff', password: string, mustChangePassword: boolean) {
  const user = await createUser(server.db, role, { passwordHash: await hashPassword(password), mustChangePassword });
  return user.email as string;
}

describe('the staff console door', () => {
  it('asks for a new password on a first sign-in, then shows the operator navigation', async () => {
    const email = await staffWithPassword('operator', 'temporary-pass-1', true);
    const context = await desktopContext(browser, server);
    const page = await context.newPage();
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Đăng nhập cán bộ' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-00-sign-in');
    await page.getByLabel('Email công vụ').fill(email);
    await page.getByLabel('Mật khẩu').fill('wrong password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toBe('Email hoặc mật khẩu không đúng.');

    await page.getByLabel('Mật khẩu').fill('temporary-pass-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill('temporary-pass-1');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('short');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('short');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('10');

    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('a-much-better-one-42');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('a-much-better-one-42');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    const nav = page.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' });
    await nav.getByRole('link', { name: 'Thống kê' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Đơn vị của tôi' }).count()).toBe(0);
    await context.close();
  });

  it('shows agency staff their agency, not the operations dashboard', async () => {
    const email = await staffWithPassword('agency_staff', 'agency-pass-123', false);
    const context = await desktopContext(browser, server);
    const page = await context.newPage();
    await page.goto('/staff');
    await page.getByLabel('Email công vụ').fill(email);
    await page.getByLabel('Mật khẩu').fill('agency-pass-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const nav = page.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' });
    await nav.getByRole('link', { name: 'Đơn vị của tôi' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Thống kê' }).count()).toBe(0);
    await context.close();
  });
});
