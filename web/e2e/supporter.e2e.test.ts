// A citizen who pressed "I have this problem too" follows someone else's report: in My
// reports it reads as the public reads it (the reporter's phone and name masked), and the
// city's question to the reporter is not put to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenCase } from '../../src/shared/cases.js';
import type { TestUser } from '../../test/factories.js';
import {
  apiUser,
  type Browser,
  CITADEL,
  callApi,
  launchBrowser,
  phoneContext,
  screenshot,
  signInCitizen,
  startWebServer,
  type WebServer,
} from './harness.js';

let server: WebServer;
let browser: Browser;
let reporter: TestUser;
let operator: TestUser;
let hepco: TestUser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  reporter = await apiUser(server, 'citizen');
  operator = await apiUser(server, 'operator');
  hepco = await apiUser(server, 'agency_staff', 'hepco');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a supporter in My reports', () => {
  it("sees the report as the public does and is not asked the reporter's question", async () => {
    const created = await callApi<CitizenCase>(server, reporter, 'POST', '/reports', {
      description: 'Rác thải đổ bừa bãi trước chợ Đông Ba, gọi tôi 0905 123 456',
      lat: CITADEL.latitude,
      lon: CITADEL.longitude,
    });
    await callApi(server, operator, 'POST', `/cases/${created.id}/triage`, { category: 'waste' });
    await callApi(server, operator, 'POST', `/cases/${created.id}/assign`, { agency: 'hepco' });
    await callApi(server, hepco, 'POST', `/cases/${created.id}/accept`, {});
    await callApi(server, hepco, 'POST', `/cases/${created.id}/request-info`, { message: 'Đống rác ở cổng nào?' });

    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, '0905200091');
    const supported = await page.evaluate(async (code) => {
      const response = await fetch(`/api/v1/public/reports/${code}/support`, { method: 'POST' });
      return response.status;
    }, created.code);
    expect(supported).toBe(200);

    await page.goto('/reports');
    await page.getByText(created.code, { exact: false }).first().waitFor();
    expect(await page.getByText('Thành phố đang chờ bạn trả lời câu hỏi').count()).toBe(0);

    await page.goto(`/reports/${created.id}`);
    await page.getByText('gọi tôi [phone]').waitFor();
    expect(await page.content()).not.toContain('0905 123 456');
    expect(await page.getByText('Thành phố cần thêm thông tin').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Câu trả lời của bạn' }).count()).toBe(0);
    await screenshot(page, 'citizen-supporter-case');
    await context.close();
  });
});
