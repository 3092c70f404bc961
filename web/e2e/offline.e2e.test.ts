// Offline, "My reports" and the inbox show what was saved at the last visit and say so, with
// the reports waiting on the device; when the network returns and the outbox sends, the
// citizen is told "Đã gửi phản ánh HUE-…" and the list shows it without a reload (issue 19, 3).
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenCase } from '../../src/shared/cases.js';
import {
  apiUser,
  type Browser,
  callApi,
  launchBrowser,
  type Page,
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

/** The service worker controls the page, as on a phone that has opened the app before. */
async function waitForServiceWorker(page: Page) {
  type Workers = { navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } } };
  await page.evaluate(async () => {
    await (globalThis as unknown as Workers).navigator.serviceWorker.ready;
  });
  if (await page.evaluate(() => (globalThis as unknown as Workers).navigator.serviceWorker.controller === null)) {
    await page.reload();
  }
  await page.waitForFunction(() => (globalThis as unknown as Workers).navigator.serviceWorker.controller !== null);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

describe('the citizen offline', () => {
  it('sees saved lists and waiting reports offline, and is told when the report is sent', async () => {
    const citizen = await apiUser(server, 'citizen');
    const earlier = await callApi<CitizenCase>(server, citizen, 'POST', '/reports', {
      description: 'Cống thoát nước bị tắc trước chợ An Cựu, nước tràn ra đường',
      lat: 16.4581,
      lon: 107.5952,
    });
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, `0${(citizen.phone as string).slice(3)}`);
    // a first visit online: the lists are saved on the device
    await page.goto('/reports');
    await page.getByText(earlier.code).waitFor();
    await page.goto('/inbox');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goto('/report');
    await page.getByRole('heading', { level: 2, name: 'Bước 1/4: Ảnh, video, ghi âm' }).waitFor();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#335533' } })
      .jpeg()
      .toBuffer();
    await page
      .getByLabel('Chọn ảnh từ thư viện')
      .setInputFiles({ name: 'cong.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('img', { name: 'Ảnh 1' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
    await page.getByText('Chưa kiểm tra được phường, xã').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    const description = `Vỉa hè bị sụt lún trước số 12 Hai Bà Trưng (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã lưu, sẽ gửi khi có mạng' }).waitFor();

    // My reports offline: the saved list, said to be saved, and the report waiting to be sent
    await nav(page).getByRole('link', { name: 'Phản ánh của tôi' }).click();
    await page.getByText('Bạn đang ngoại tuyến. Đây là nội dung đã lưu lúc').waitFor();
    await page.getByText(earlier.code).waitFor();
    await page
      .locator('.outbox-item')
      .filter({ hasText: description.slice(0, 40) })
      .getByText('Chờ gửi')
      .waitFor();
    expect(await page.getByText('Đang tải').count()).toBe(0);
    await screenshot(page, 'citizen-offline-my-reports');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the inbox offline: what was saved, said so, no spinner
    await nav(page)
      .getByRole('link', { name: /Thông báo/ })
      .click();
    await page.getByText('Bạn đang ngoại tuyến').first().waitFor();
    expect(await page.getByText('Đang tải').count()).toBe(0);

    // opened afresh offline (the service worker has the app): the saved list still shows
    await page.goto('/reports');
    await page.getByText('Bạn đang ngoại tuyến. Đây là nội dung đã lưu lúc').waitFor();
    await page.getByText(earlier.code).waitFor();

    // back online: sent once, confirmed with its code, and in the list without a reload
    await context.setOffline(false);
    const notice = page.locator('.sent-notice');
    await notice.getByText(/^Đã gửi phản ánh HUE-/).waitFor({ timeout: 30_000 });
    await page.locator('.mr-report-list').getByText(description.slice(0, 40)).waitFor();
    expect(await page.getByText('Bạn đang ngoại tuyến').count()).toBe(0);
    await screenshot(page, 'citizen-offline-sent');
    await context.close();
  });
});
