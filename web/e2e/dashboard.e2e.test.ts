// The city dashboard end to end: reports made through the API are counted on the operator's
// dashboard; a resolution and a citizen's rating change the counts and the satisfaction after
// a reload; filters live in the URL and survive a reload; a CSV link downloads the rows shown;
// a wrong range is said and not asked; /transparency shows the public figures with small
// numbers withheld; agency staff are told the dashboard is not for them.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import type { CitizenCase } from '../../src/shared/cases.js';
import type { BreakdownAnswer, HeatmapAnswer, SummaryAnswer } from '../../src/shared/dashboard.js';
import type { Role } from '../../src/shared/roles.js';
import { createUser, type TestUser } from '../../test/factories.js';
import {
  apiUser,
  type Browser,
  callApi,
  desktopContext,
  launchBrowser,
  type Page,
  phoneContext,
  screenshot,
  seriousA11yViolations,
  startWebServer,
  type WebServer,
} from './harness.js';

let server: WebServer;
let browser: Browser;
let citizen: TestUser;
let operator: TestUser;
let hepco: TestUser;
const reports: CitizenCase[] = [];

const CITADEL = { lat: 16.4698, lon: 107.5786 };

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  citizen = await apiUser(server, 'citizen');
  operator = await apiUser(server, 'operator');
  hepco = await apiUser(server, 'agency_staff', 'hepco');
  for (const [description, category] of [
    ['Rác thải đổ bừa bãi trước cửa Ngọ Môn', 'waste'],
    ['Thùng rác tràn ra đường Đinh Tiên Hoàng', 'waste'],
    ['Ổ gà sâu trên đường Lê Duẩn', 'road_damage'],
  ] as const) {
    reports.push(
      await callApi<CitizenCase>(server, citizen, 'POST', '/reports', { description, category, ...CITADEL }),
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInStaff(role: Role, agencyCode?: string): Promise<Page> {
  const password = `dashboard-pass-${role}-42`;
  const user = await createUser(server.db, role, { passwordHash: await hashPassword(password), agencyCode });
  const context = await desktopContext(browser, server);
  const page = await context.newPage();
  await page.goto('/staff');
  await page.getByLabel('Email công vụ').fill(user.email as string);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' }).waitFor();
  return page;
}

/** A headline figure's card, found by its name, once it shows `value`. */
async function figure(page: Page, name: string, value: string) {
  const card = page.getByRole('group', { name, exact: true });
  await card.getByText(value, { exact: true }).waitFor();
  return card;
}

/** RFC 4180 rows, as the server writes them (UTF-8 with a byte order mark, CRLF). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  const [header, ...data] = rows;
  return data.map((values) => Object.fromEntries((header ?? []).map((name, i) => [name, values[i] ?? ''])));
}

describe('the city dashboard', () => {
  it('counts the reports, then follows a resolution and a rating after a reload', async () => {
    const page = await signInStaff('operator');
    await page
      .getByRole('navigation', { name: 'Điều hướng bảng điều khiển' })
      .getByRole('link', { name: 'Thống kê' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Thống kê thành phố' }).waitFor();

    const before = await callApi<SummaryAnswer>(server, operator, 'GET', '/dashboard/summary');
    expect(before.measures).toMatchObject({ received: 3, open: 3, resolved: 0, rated: 0, satisfaction_rate: null });
    await figure(page, 'Tiếp nhận', String(before.measures.received));
    await figure(page, 'Đang mở', '3');
    await figure(page, 'Đã xử lý', '0');
    // no rating yet: a dash and why, not 0 %
    const noRating = await figure(page, 'Người dân hài lòng', '—');
    await noRating.getByText('Chưa có trường hợp để tính').waitFor();
    // the breakdown names both categories with their counts
    const byGroup = page.getByRole('region', { name: /Theo nhóm/ }).first();
    await byGroup.getByRole('rowheader', { name: 'Rác thải, vệ sinh môi trường' }).waitFor();
    await byGroup.getByRole('rowheader', { name: 'Hư hỏng đường, vỉa hè' }).waitFor();
    // every section has finished loading before the page is checked and pictured
    await page.getByRole('heading', { name: 'Bảng xếp hạng đơn vị' }).waitFor();
    await page.getByText('Chưa có đơn vị nào nhận phản ánh trong khoảng thời gian này').waitFor();
    await page.locator('.db-heatmap path.leaflet-interactive').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'staff-30-dashboard');

    // the operations center assigns one, the agency resolves it, the citizen gives 5 stars
    const [first] = reports;
    const id = first?.id as string;
    await callApi(server, operator, 'POST', `/cases/${id}/assign`, { agency: 'hepco' });
    await callApi(server, hepco, 'POST', `/cases/${id}/accept`, {});
    await callApi(server, hepco, 'POST', `/cases/${id}/resolve`, { message: 'Đã thu gom rác' });
    await callApi(server, citizen, 'POST', `/me/reports/${id}/rating`, { rating: 5, fixed: true });

    const after = await callApi<SummaryAnswer>(server, operator, 'GET', '/dashboard/summary');
    // one of three resolved, one rating of 5 (4 or 5 counts as satisfied): 1 / 1
    expect(after.measures).toMatchObject({ received: 3, open: 2, resolved: 1, rated: 1, satisfaction_rate: 1 });
    await page.reload();
    await figure(page, 'Đã xử lý', String(after.measures.resolved));
    await figure(page, 'Đang mở', String(after.measures.open));
    const satisfied = await figure(page, 'Người dân hài lòng', '100%');
    await satisfied.getByText('trên 1 lượt đánh giá').waitFor();
    // the league now lists the agency that took the case
    const league = page.getByRole('region', { name: /Bảng xếp hạng đơn vị/ }).first();
    await league.getByRole('rowheader', { name: 'Công ty CP Môi trường và Công trình đô thị Huế' }).waitFor();
    await page.context().close();
  });

  it('keeps the filters in the URL across a reload, and downloads the rows it shows as CSV', async () => {
    const page = await signInStaff('admin');
    await page.goto('/staff/dashboard');
    await figure(page, 'Tiếp nhận', '3');
    await page.getByRole('combobox', { name: 'Lĩnh vực' }).selectOption('waste');
    await page.waitForURL((url) => url.searchParams.get('category') === 'waste');
    await figure(page, 'Tiếp nhận', '2');
    await page.getByRole('radio', { name: /Đơn vị xử lý/ }).check();
    await page.waitForURL((url) => url.searchParams.get('by') === 'agency');

    await page.reload();
    await figure(page, 'Tiếp nhận', '2');
    expect(await page.getByRole('combobox', { name: 'Lĩnh vực' }).inputValue()).toBe('waste');
    expect(await page.getByRole('radio', { name: /Đơn vị xử lý/ }).isChecked()).toBe(true);

    // the breakdown's CSV: the same question as the screen, one row per agency
    const link = page.getByRole('link', { name: 'Tải CSV (Theo nhóm)' });
    const href = (await link.getAttribute('href')) as string;
    const linkQuery = new URL(href, server.baseUrl).searchParams;
    expect(Object.fromEntries(linkQuery)).toEqual({ category: 'waste', by: 'agency' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^citypulse-by-agency-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(await readFile(await download.path(), 'utf8'));
    const answer = await callApi<BreakdownAnswer>(server, operator, 'GET', `/dashboard/breakdown?${linkQuery}`);
    expect(rows.map((row) => [row.key, Number(row.received), Number(row.resolved)])).toEqual(
      answer.rows.map((row) => [row.key ?? '', row.measures.received, row.measures.resolved]),
    );
    // the resolved one went to HEPCO, the other is not assigned yet
    expect(rows.map((row) => [row.key, row.received])).toEqual(
      expect.arrayContaining([
        ['hepco', '1'],
        ['', '1'],
      ]),
    );
    const table = page.getByRole('region', { name: /Theo nhóm/ }).first();
    for (const row of answer.rows) {
      await table.getByRole('rowheader', { name: row.name_vi, exact: true }).waitFor();
    }

    // staff may ask for the smallest hexagons: the two rubbish reports share one
    await page.getByRole('combobox', { name: 'Kích thước ô lục giác' }).selectOption('8');
    await page.waitForURL((url) => url.searchParams.get('res') === '8');
    const fine = await callApi<HeatmapAnswer>(
      server,
      operator,
      'GET',
      '/dashboard/heatmap?category=waste&resolution=8',
    );
    expect(fine.cells.map((cell) => cell.received)).toEqual([2]);
    const cells = page.getByRole('region', { name: '1 ô lục giác, nhiều phản ánh nhất trước' });
    await cells.getByRole('cell', { name: '2', exact: true }).first().waitFor();

    // a range that ends before it starts is said, and nothing is asked
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/dashboard/')) asked.push(request.url());
    });
    await page.goto('/staff/dashboard?from=2026-05-10&to=2026-05-01');
    const alert = page.getByRole('alert').filter({ hasText: 'sau ngày kết thúc' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Ngày bắt đầu \(10 .*2026\) sau ngày kết thúc \(1 .*2026\)/);
    await page.getByText('Hãy sửa khoảng thời gian để xem số liệu.').waitFor();
    expect(await page.getByLabel('Đến ngày').getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual([]);
    await screenshot(page, 'staff-31-dashboard-range-error');
    await page.context().close();
  });

  it('shows the public figures on /transparency, small numbers withheld, on a phone', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: /^Số liệu công khai/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Minh bạch kết quả xử lý' }).waitFor();

    const open = await fetch(`${server.baseUrl}/api/v1/public/dashboard/summary`);
    const summary = (await open.json()) as SummaryAnswer;
    // counts are public; one rating is too few to publish a rate; nothing internal
    expect(summary.measures).toMatchObject({ received: 3, resolved: 1, rated: 1, satisfaction_rate: null });
    expect(summary.measures).not.toHaveProperty('overdue');
    expect(summary.query.suppressed_below).toBe(5);
    await figure(page, 'Tiếp nhận', '3');
    await figure(page, 'Đã xử lý', '1');
    const withheld = await figure(page, 'Người dân hài lòng', '—');
    await withheld.getByText('Dưới 5 trường hợp: không công bố').waitFor();
    expect(await page.getByRole('group', { name: 'Quá hạn' }).count()).toBe(0);

    // the heat map's table: the three reports at the Citadel make one hexagon, shown
    const heat = await (await fetch(`${server.baseUrl}/api/v1/public/dashboard/heatmap`)).json();
    expect((heat as HeatmapAnswer).cells.map((cell) => cell.received)).toEqual([3]);
    const map = page.getByRole('region', { name: /Bản đồ mật độ phản ánh/ }).first();
    await map.getByRole('listitem').getByRole('definition').filter({ hasText: /^3$/ }).first().waitFor();
    await page.getByText('Ô có dưới 3 phản ánh không được hiển thị', { exact: false }).waitFor();

    // the league on a phone: a card per agency with every figure, no table to scroll sideways;
    // HEPCO listed, not ranked (one resolved case), its rates withheld
    const league = page.getByRole('region', { name: /Bảng xếp hạng đơn vị/ }).first();
    const hepcoCard = league.getByRole('listitem').filter({ hasText: 'Công ty CP Môi trường' }).first();
    await hepcoCard.getByText('Chưa xếp hạng').waitFor();
    for (const figureName of ['Đúng hạn', 'Hài lòng', 'Thời gian xử lý (trung vị)']) {
      await hepcoCard.getByText(figureName, { exact: true }).waitFor();
    }
    expect(await league.getByRole('table').count()).toBe(0);
    // the breakdown too: a card per group, its on-time and satisfaction figures in view
    const breakdown = page.getByRole('region', { name: /^Theo nhóm/ }).first();
    const group = breakdown.getByRole('listitem').first();
    for (const figureName of ['Đúng hạn', 'Hài lòng']) {
      const name = group.getByText(figureName, { exact: true });
      await name.scrollIntoViewIfNeeded();
      expect(await name.isVisible()).toBe(true);
      const box = await name.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    // the series' rows too, once opened; and nothing on the page scrolls sideways
    await page.getByText('Xem bảng số liệu', { exact: false }).first().click();
    await page.locator('.db-details .db-figure-cards li').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);
    // runs in the page: its globals are the browser's
    type Root = { document: { documentElement: { scrollWidth: number; clientWidth: number } } };
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as Root).document.documentElement;
      return { page: root.scrollWidth, viewport: root.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    // no personal data: not the citizen's phone, not the reports' words
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain(citizen.phone?.slice(-7) ?? 'no phone');
    expect(text).not.toContain('Ngọ Môn');
    await page.locator('.db-heatmap path.leaflet-interactive').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-40-transparency');
    await context.close();
  });

  it('reads well on a desktop too, in English', async () => {
    const context = await desktopContext(browser, server);
    const page = await context.newPage();
    await page.goto('/transparency?interval=day&res=6');
    await page.getByRole('heading', { level: 1, name: 'Minh bạch kết quả xử lý' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'How the city is doing' }).waitFor();
    await figure(page, 'Received', '3');
    const withheld = await figure(page, 'Citizens satisfied', '—');
    await withheld.getByText('Fewer than 5 cases: not published').waitFor();
    expect(await page.getByRole('combobox', { name: 'Size of the hexagons' }).inputValue()).toBe('6');
    await page.locator('.db-heatmap path.leaflet-interactive').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'citizen-41-transparency-desktop-english');
    await context.close();
  });

  it("shows an agency admin their own agency's figures only", async () => {
    const page = await signInStaff('agency_admin', 'hepco');
    await page.goto('/staff/dashboard');
    await page
      .getByRole('heading', { level: 1, name: 'Thống kê: Công ty CP Môi trường và Công trình đô thị Huế' })
      .waitFor();
    // one of the three reports went to HEPCO
    await figure(page, 'Tiếp nhận', '1');
    await figure(page, 'Người dân hài lòng', '100%');
    expect(await page.getByRole('combobox', { name: 'Đơn vị xử lý' }).count()).toBe(0);
    await page.context().close();
  });

  it('tells agency staff that the dashboard is not for their role, and shows them no link to it', async () => {
    const page = await signInStaff('agency_staff', 'hepco');
    const nav = page.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' });
    await nav.getByRole('link', { name: 'Đơn vị của tôi' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Thống kê' }).count()).toBe(0);
    await page.goto('/staff/dashboard');
    await page.getByText('Trang thống kê không dành cho vai trò của bạn').waitFor();
    await page.getByRole('link', { name: 'Đến trang đơn vị của tôi' }).waitFor();
    expect(await page.locator('.db-dashboard').count()).toBe(0);
    await screenshot(page, 'staff-32-dashboard-not-for-role');
    await page.context().close();
  });
});
