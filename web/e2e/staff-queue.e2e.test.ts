// The IOC queue on a desktop: a citizen's report (made through the API) arrives in the list
// live, without reload; filters live in the URL and survive a reload; j/k move the selection;
// the map shows the same cases; agency staff see only their agency's cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import type { CitizenCase } from '../../src/shared/cases.js';
import type { Role } from '../../src/shared/roles.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  apiUser,
  type Browser,
  callApi,
  desktopContext,
  launchBrowser,
  type Page,
  screenshot,
  seriousA11yViolations,
  startWebServer,
  type WebServer,
} from './harness.js';

let server: WebServer;
let browser: Browser;
let citizen: TestUser;
let operator: TestUser;

const PLACES = {
  citadel: { lat: 16.4698, lon: 107.5786 },
  dongBa: { lat: 16.4722, lon: 107.5868 },
  beach: { lat: 16.5626, lon: 107.644 },
};

const report = (description: string, place: { lat: number; lon: number }, category?: string) =>
  callApi<CitizenCase>(server, citizen, 'POST', '/reports', {
    description,
    ...place,
    ...(category ? { category } : {}),
  });

let lamp: CitizenCase;
let rubbish: CitizenCase;
let flood: CitizenCase;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  citizen = await apiUser(server, 'citizen');
  operator = await apiUser(server, 'operator');
  lamp = await report('Đèn đường tắt cả tuần trước cửa Ngọ Môn', PLACES.citadel, 'streetlight');
  rubbish = await report('Rác thải đổ bừa bãi sau chợ Đông Ba, bốc mùi', PLACES.dongBa, 'waste');
  flood = await report('Nước ngập sâu trên đường ra biển Thuận An', PLACES.beach);
  await callApi(server, operator, 'POST', `/cases/${flood.id}/triage`, { priority: 'urgent' });
  await callApi(server, operator, 'POST', `/cases/${rubbish.id}/assign`, { agency: 'hepco' });
  await callApi(server, operator, 'POST', `/cases/${lamp.id}/assign`, { agency: 'lighting' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the condition holds (the test's timeout bounds the wait). */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still not true: ${what}`);
}

async function signInStaff(role: Role, agencyCode?: string): Promise<Page> {
  const password = `queue-pass-${role}-42`;
  const user = await createUser(server.db, role, { passwordHash: await hashPassword(password), agencyCode });
  const context = await desktopContext(browser, server);
  const page = await context.newPage();
  await page.goto('/staff');
  await page.getByLabel('Email công vụ').fill(user.email as string);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  return page;
}

const rowCodes = (page: Page) => page.getByRole('table').getByRole('rowheader').getByRole('button').allTextContents();
const codeButton = (page: Page, code: string) =>
  page.getByRole('table').getByRole('button', { name: code, exact: true });
const rowOf = (page: Page, code: string) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: code, exact: true }) });
const selected = (page: Page) => page.getByRole('table').locator('button[aria-current="true"]');
/** The keys act through React's next render: wait for the selection to get there. */
const selectionReaches = (page: Page, code: string | undefined) =>
  until(async () => (await selected(page).allTextContents()).join() === code, `${code} selected`);

describe('the IOC queue', () => {
  it('shows a citizen report live, moves with j/k, and keeps its filters in the URL', async () => {
    const page = await signInStaff('operator');
    await page.getByRole('heading', { name: 'Hàng đợi phản ánh', level: 1 }).waitFor();
    await page.getByText('Cập nhật trực tiếp', { exact: true }).waitFor();
    await until(async () => (await rowCodes(page)).length === 3, 'three cases listed');
    // urgent first, then the newest
    expect(await rowCodes(page)).toEqual([flood.code, rubbish.code, lamp.code]);
    // the model's suggestion stands in where no one has decided yet, marked in words
    expect(await rowOf(page, flood.code).textContent()).toContain('Gợi ý:');
    // how sure, in words (the calibrated figure only in the tooltip)
    const sureness = rowOf(page, flood.code).locator('.confidence');
    expect(await sureness.textContent()).toMatch(/^(chắc chắn|có thể|chưa chắc)$/);
    expect(await sureness.getAttribute('title')).toMatch(/\d+\s?%/);
    expect(await rowOf(page, flood.code).textContent()).not.toMatch(/\d\s?%/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-1x-queue');

    // a citizen reports, through the API: the row arrives without a reload
    await page.evaluate(() => {
      (globalThis as unknown as { queueNotReloaded: boolean }).queueNotReloaded = true;
    });
    const tree = await report('Cây đổ chắn ngang đường Lê Lợi sau mưa', PLACES.citadel);
    await codeButton(page, tree.code).waitFor();
    await page.getByRole('status').filter({ hasText: '1 phản ánh mới' }).waitFor();
    expect(await rowOf(page, tree.code).textContent()).toContain('Mới');
    expect(await page.evaluate(() => (globalThis as unknown as { queueNotReloaded?: boolean }).queueNotReloaded)).toBe(
      true,
    );
    const codes = await rowCodes(page);
    expect(codes).toHaveLength(4);

    // j and k move the selection, which the URL and the detail pane follow
    await page.getByRole('heading', { name: 'Hàng đợi phản ánh', level: 1 }).focus();
    await page.keyboard.press('j');
    await selectionReaches(page, codes[0]);
    await page.keyboard.press('j');
    await selectionReaches(page, codes[1]);
    await page.keyboard.press('j');
    await selectionReaches(page, codes[2]); // before k: else k could be checked against the old selection
    await page.keyboard.press('k');
    await selectionReaches(page, codes[1]);
    const openFull = page.getByRole('link', { name: 'Mở trang đầy đủ của phản ánh' });
    // the URL and the detail pane follow the selection
    await until(
      async () =>
        (await openFull.getAttribute('href')) === `/staff/cases/${new URL(page.url()).searchParams.get('case')}`,
      'the detail pane shows the selected case',
    );
    const selectedId = new URL(page.url()).searchParams.get('case');
    expect(selectedId).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'staff-1x-queue-selected');

    // ? lists the shortcuts; Escape closes them
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Phím tắt' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Enter opens the selected case's page
    await selected(page).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/staff/cases/${selectedId}`);
    await page.goBack();
    await page.getByRole('heading', { name: 'Hàng đợi phản ánh', level: 1 }).waitFor();

    // a filter changes the URL and the list, and a reload keeps both
    await page.getByLabel('Lĩnh vực', { exact: true }).selectOption('waste');
    await page.waitForURL((url) => url.searchParams.get('category') === 'waste');
    await until(async () => (await rowCodes(page)).join() === rubbish.code, 'only the waste case');
    await page.reload();
    await page.getByText('Cập nhật trực tiếp', { exact: true }).waitFor();
    expect(await page.getByLabel('Lĩnh vực', { exact: true }).inputValue()).toBe('waste');
    await until(async () => (await rowCodes(page)).join() === rubbish.code, 'only the waste case after reload');

    // / goes to the search; words without diacritics find the Vietnamese text
    await page.getByLabel('Lĩnh vực', { exact: true }).selectOption('');
    await until(async () => (await rowCodes(page)).length === 4, 'all four again');
    await page.getByRole('heading', { name: 'Hàng đợi phản ánh', level: 1 }).focus();
    await page.keyboard.press('/');
    expect(
      await page
        .getByLabel('Tìm kiếm', { exact: true })
        .evaluate((input) => input === input.ownerDocument.activeElement),
    ).toBe(true);
    await page.keyboard.type('cay do');
    await page.waitForURL((url) => url.searchParams.get('q') === 'cay do');
    await until(async () => (await rowCodes(page)).join() === tree.code, 'the fallen tree found');
    await page.getByLabel('Tìm kiếm', { exact: true }).fill('khong co phan anh nao nhu the nay');
    await page.getByText('Không có phản ánh nào khớp bộ lọc').waitFor();
    await screenshot(page, 'staff-1x-queue-empty');
    await page.context().close();
  });

  it('shows the same cases on the map, and a chosen one beside it', async () => {
    const page = await signInStaff('operator');
    await page.getByRole('heading', { name: 'Hàng đợi phản ánh', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Xem trên bản đồ' }).click();
    await page.getByRole('heading', { name: 'Bản đồ hàng đợi', level: 1 }).waitFor();
    await page.getByText(/^Bản đồ có \d+ phản ánh$/).waitFor();
    const marker = page.getByRole('button', { name: new RegExp(`^${flood.code},`) });
    // crowded cases share a bubble: open bubbles until the case has a marker of its own
    await until(async () => {
      if ((await marker.count()) > 0) return true;
      const bubble = page.getByRole('button', { name: /^Nhóm \d+ phản ánh/ }).first();
      if ((await bubble.count()) > 0) await bubble.click();
      return false;
    }, 'the urgent case has a marker of its own');
    await marker.click();
    await page.getByRole('heading', { name: flood.code, level: 3 }).waitFor();
    expect(new URL(page.url()).searchParams.get('case')).toBe(flood.id);
    expect(await page.getByRole('link', { name: 'Mở phản ánh' }).getAttribute('href')).toBe(`/staff/cases/${flood.id}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-1x-queue-map');

    // the filters are the list's: the URL carries them across
    await page.getByLabel('Mức ưu tiên', { exact: true }).selectOption('urgent');
    await page.waitForURL((url) => url.searchParams.get('priority') === 'urgent');
    await page.getByText('Bản đồ có 1 phản ánh').waitFor();
    await page.getByRole('link', { name: 'Xem dạng danh sách' }).click();
    await until(async () => (await rowCodes(page)).join() === flood.code, 'the list keeps the filter');
    await page.context().close();
  });

  it("shows agency staff their agency's cases only, live as well", async () => {
    const page = await signInStaff('agency_staff', 'hepco');
    await page.getByRole('heading', { name: /^Hàng đợi của / }).waitFor();
    await page.getByText('Cập nhật trực tiếp', { exact: true }).waitFor();
    await until(async () => (await rowCodes(page)).join() === rubbish.code, "hepco's case only");
    // no agency filter: the queue is the agency's
    expect(await page.getByLabel('Đơn vị xử lý', { exact: true }).count()).toBe(0);

    const drain = await report('Rác làm tắc cống trên đường Trần Hưng Đạo', PLACES.dongBa, 'waste');
    await callApi(server, operator, 'POST', `/cases/${drain.id}/assign`, { agency: 'hepco' });
    await codeButton(page, drain.code).waitFor();
    expect((await rowCodes(page)).sort()).toEqual([rubbish.code, drain.code].sort());
    // new to the agency: marked and announced as such
    await page.getByRole('status').filter({ hasText: '1 phản ánh mới' }).waitFor();
    expect(await rowOf(page, drain.code).textContent()).toContain('Mới');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-1x-queue-agency');
    await page.context().close();
  });
});
