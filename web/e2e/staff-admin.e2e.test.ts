// The staff console's administration, as a system admin uses it: a staff account for an
// agency (its temporary password shown once), a category's deadline, a routing override that
// a new report then follows, a broken city pack checked with every problem listed, an API
// key, and the audit log of it all. An agency admin sees only their own agency's staff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { createUser } from '../../test/factories.js';
import { HUE_PACK_DIR } from '../../test/harness.js';
import {
  apiUser,
  type Browser,
  type BrowserContext,
  CITADEL,
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
let context: BrowserContext;
let page: Page;

const ADMIN_PASSWORD = 'admin-console-pass-1';
const NEW_STAFF_EMAIL = 'le.van.an@hue.gov.vn';

async function signIn(target: Page, email: string, password: string) {
  await target.goto('/staff');
  await target.getByLabel('Email công vụ').fill(email);
  await target.getByLabel('Mật khẩu').fill(password);
  await target.getByRole('button', { name: 'Đăng nhập' }).click();
  await target.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' }).waitFor();
}

/** Opens a topic from the administration's side menu and waits for its heading. */
async function openTopic(menuItem: string, heading: string) {
  await page.getByRole('navigation', { name: 'Mục quản trị' }).getByRole('link', { name: menuItem }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function expectAccessible(target: Page, name: string) {
  await screenshot(target, name);
  expect(await seriousA11yViolations(target)).toEqual([]);
}

/** The file field of a pack file (its name also labels the list of that file's problems). */
const fileInput = (name: string) => page.getByLabel(name).and(page.locator('input[type="file"]'));

function huePackFile(name: string): unknown {
  return JSON.parse(readFileSync(join(HUE_PACK_DIR, name), 'utf8'));
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  // an older history, so that the audit log has more than one page
  await server.db.query(
    `INSERT INTO audit_log (action, ip, details)
     SELECT 'auth.sign_in_failed', '203.0.113.' || g, '{"reason": "wrong_password"}' FROM generate_series(1, 60) g`,
  );
  const admin = await createUser(server.db, 'admin', { passwordHash: await hashPassword(ADMIN_PASSWORD) });
  context = await desktopContext(browser, server);
  page = await context.newPage();
  await signIn(page, admin.email as string, ADMIN_PASSWORD);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('administration as a system admin', () => {
  it('lists and searches agencies, and checks a new agency form before sending it', async () => {
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị xử lý' }).waitFor();
    expect(page.url()).toMatch(/\/staff\/admin\/agencies$/);
    await page.getByLabel('Tìm theo tên, mã hoặc loại việc').fill('phu xuan');
    await page.getByRole('row', { name: /UBND Phường Phú Xuân/ }).waitFor();
    expect(await page.getByRole('row', { name: /Sở Xây dựng/ }).count()).toBe(0);
    await expectAccessible(page, 'staff-40-admin-agencies');

    await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thêm đơn vị' }).waitFor();
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await expect(page.getByText('Chọn ít nhất một khu vực.').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Mã đơn vị').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'staff-41-admin-agency-form');
  });

  it('creates a staff account for an agency and shows its temporary password once', async () => {
    await openTopic('Tài khoản cán bộ', 'Tài khoản cán bộ');
    await expectAccessible(page, 'staff-42-admin-users');
    await page.getByRole('link', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo tài khoản cán bộ' }).waitFor();
    await page.getByLabel('Email công vụ').fill('not an address');
    await page.getByLabel('Họ tên').fill('Lê Văn An');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect(page.getByText('Nhập một địa chỉ email hợp lệ').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Vai trò này cần chọn một đơn vị.').isVisible()).resolves.toBe(true);

    await page.getByLabel('Email công vụ').fill(NEW_STAFF_EMAIL);
    await page.getByLabel('Vai trò').selectOption('agency_staff');
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('hepco');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('heading', { name: `Tài khoản ${NEW_STAFF_EMAIL} đã được tạo` }).waitFor();
    const password = (await page.locator('output.adm-secret-value').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expectAccessible(page, 'staff-43-admin-user-created');

    // the password shown is the one that works, and it must be changed at first sign-in
    const signedIn = await fetch(`${server.baseUrl}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: NEW_STAFF_EMAIL, password, session_type: 'bearer' }),
    });
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { user: unknown }).user).toMatchObject({
      must_change_password: true,
      agency: { code: 'hepco' },
    });

    await page.getByRole('button', { name: 'Tôi đã lưu lại' }).click();
    await page.getByText(`Đã tạo tài khoản ${NEW_STAFF_EMAIL}.`).waitFor();
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('hepco');
    await page.getByRole('row', { name: new RegExp(NEW_STAFF_EMAIL.replaceAll('.', '\\.')) }).waitFor();
    expect(await page.locator('output.adm-secret-value').count()).toBe(0); // shown once, never again
  });

  it("changes a category's deadline and auto-assign threshold, which the API then returns", async () => {
    await openTopic('Lĩnh vực & thời hạn', 'Lĩnh vực phản ánh');
    await expectAccessible(page, 'staff-44-admin-categories');
    await page.getByRole('link', { name: 'Sửa lĩnh vực Rác thải, vệ sinh môi trường' }).click();
    await page.getByRole('heading', { level: 1, name: /Sửa lĩnh vực/ }).waitFor();
    const hours = page.getByLabel('Thời hạn xử lý (giờ)');
    await hours.fill('0');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Nhập số giờ nguyên từ 1 đến 8760.').isVisible()).resolves.toBe(true);
    // focus is on the field to fix
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe(await hours.getAttribute('id'));
    await expectAccessible(page, 'staff-45-admin-category-form');

    await hours.fill('12');
    // 0 %: every report the model files under waste goes straight to the routed agency
    await page.getByLabel('Ngưỡng tự động chuyển (%)').fill('0');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu lĩnh vực Rác thải, vệ sinh môi trường.').waitFor();
    await page.getByRole('row', { name: /Rác thải, vệ sinh môi trường.*12 giờ/ }).waitFor();

    const admin = await apiUser(server, 'admin');
    expect((await callApi<{ sla_hours: number }>(server, admin, 'GET', '/categories/waste')).sla_hours).toBe(12);
    const thresholds = await callApi<{ items: { category: string; threshold: number | null }[] }>(
      server,
      admin,
      'GET',
      '/triage/thresholds',
    );
    expect(thresholds.items.find((item) => item.category === 'waste')?.threshold).toBe(0);
  });

  it('adds a routing override that a new report is then routed by', async () => {
    await openTopic('Điều chỉnh định tuyến', 'Điều chỉnh định tuyến');
    await page.getByText('Chưa có quy tắc điều chỉnh nào.').waitFor();
    await expectAccessible(page, 'staff-46-admin-routing-empty');
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await expect(page.getByText('Chọn một lĩnh vực.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Lĩnh vực', { exact: true }).selectOption('waste');
    await page.getByLabel('Khu vực', { exact: true }).selectOption('19753');
    await page.getByLabel('Chuyển đến đơn vị').selectOption('ward-19753');
    await page.getByLabel('Ghi chú').fill('Phường tự thu gom rác trong Kinh thành');
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await page.getByText(/Đã thêm quy tắc: Rác thải, vệ sinh môi trường tại Phường Phú Xuân/).waitFor();
    await page.getByRole('row', { name: /Rác thải.*Phường Phú Xuân.*UBND Phường Phú Xuân/ }).waitFor();
    await expectAccessible(page, 'staff-47-admin-routing');

    const citizen = await apiUser(server, 'citizen');
    const report = await callApi<{ id: string; state: string; agency: { code: string } | null }>(
      server,
      citizen,
      'POST',
      '/reports',
      {
        description: 'Rác thải sinh hoạt đổ bừa bãi ra vỉa hè, bốc mùi hôi thối',
        category: 'waste',
        lat: CITADEL.latitude,
        lon: CITADEL.longitude,
      },
    );
    expect(report).toMatchObject({ state: 'assigned', agency: { code: 'ward-19753' } });
    const admin = await apiUser(server, 'admin');
    const view = await callApi<{ timeline: { type: string; details: { explanation?: string } }[] }>(
      server,
      admin,
      'GET',
      `/cases/${report.id}`,
    );
    const assigned = view.timeline.find((event) => event.type === 'assigned');
    expect(assigned?.details.explanation).toContain('Theo quy tắc do thành phố đặt');
    expect(assigned?.details.explanation).toContain('By a rule the city set');
  });

  it('checks a broken city pack and lists every problem, importing nothing', async () => {
    await openTopic('Nhập gói dữ liệu thành phố', 'Nhập gói dữ liệu thành phố');
    await expectAccessible(page, 'staff-48-admin-pack');
    const agencies = huePackFile('agencies.json') as { agencies: { code: string; areas: string[] }[] };
    const hepco = agencies.agencies.find((agency) => agency.code === 'hepco');
    if (hepco) hepco.areas = ['46', '00000'];
    const categories = huePackFile('categories.json') as { categories: { code: string; sla_hours: number }[] };
    const pollution = categories.categories.find((category) => category.code === 'pollution');
    if (pollution) pollution.sla_hours = 0;
    const files: Record<string, unknown> = {
      'pack.json': huePackFile('pack.json'),
      'areas.geojson': huePackFile('areas.geojson'),
      'agencies.json': agencies,
      'categories.json': categories,
    };
    for (const [name, json] of Object.entries(files)) {
      await fileInput(name).setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(json)),
      });
    }
    await page.getByRole('button', { name: 'Kiểm tra gói' }).click();
    await page.getByRole('heading', { name: 'Gói có 2 lỗi: chưa nhập gì' }).waitFor();
    const problems = await page.locator('.adm-problems li').allTextContents();
    expect(problems).toEqual([
      'agency 1 (code hepco): area "00000" is not an area of the pack or of the database',
      'category 1 (code pollution): sla_hours must be a positive whole number of hours (got 0)',
    ]);
    expect(await page.getByRole('button', { name: 'Nhập gói' }).count()).toBe(0);
    await expectAccessible(page, 'staff-49-admin-pack-problems');
    const admin = await apiUser(server, 'admin');
    expect((await callApi<{ area_codes: string[] }>(server, admin, 'GET', '/agencies/hepco')).area_codes).toEqual([
      '46',
    ]);

    // the pack as shipped: valid, and it would put back the deadline changed above (24 hours)
    for (const name of ['agencies.json', 'categories.json']) {
      await fileInput(name).setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(huePackFile(name))),
      });
    }
    await page.getByRole('button', { name: 'Kiểm tra gói' }).click();
    await page.getByRole('heading', { name: 'Gói Huế (hue) hợp lệ' }).waitFor();
    await page.getByRole('row', { name: 'Lĩnh vực 0 1 16' }).first().waitFor();
    await page.getByRole('button', { name: 'Nhập gói' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập gói Huế?' });
    await dialog.waitFor();
    await expectAccessible(page, 'staff-4a-admin-pack-confirm');
    await dialog.getByRole('button', { name: 'Nhập gói' }).click();
    await page.getByRole('heading', { name: 'Đã nhập gói Huế (hue)' }).waitFor();
    expect((await callApi<{ sla_hours: number }>(server, admin, 'GET', '/categories/waste')).sla_hours).toBe(24);
  });

  it('creates an API key shown once, and revokes it after asking', async () => {
    await openTopic('Ứng dụng kết nối API', 'Ứng dụng kết nối API');
    await page.getByText('Chưa có ứng dụng nào.').waitFor();
    await page.getByLabel('Tên ứng dụng').fill('Camera cầu Trường Tiền');
    await page.getByRole('button', { name: 'Tạo khóa API' }).click();
    await page.getByRole('heading', { name: 'Đã tạo ứng dụng Camera cầu Trường Tiền' }).waitFor();
    await expect(page.locator('output.adm-secret-value').textContent()).resolves.toMatch(/^cp_\S{20,}$/);
    await expectAccessible(page, 'staff-50-admin-api-key');
    await page.getByRole('button', { name: 'Tôi đã lưu lại' }).click();

    await page.getByRole('button', { name: 'Thu hồi khóa của Camera cầu Trường Tiền' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi khóa của Camera cầu Trường Tiền?' });
    await dialog.waitFor();
    await expectAccessible(page, 'staff-51-admin-api-revoke');
    await dialog.getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByText('Đã thu hồi khóa của Camera cầu Trường Tiền.').waitFor();
    await page.getByRole('row', { name: /Camera cầu Trường Tiền.*Đã thu hồi/ }).waitFor();
  });

  it('shows these actions in the audit log, by kind and page by page', async () => {
    await openTopic('Nhật ký hoạt động', 'Nhật ký hoạt động');
    const table = page.getByRole('table', { name: 'Nhật ký hoạt động' });
    for (const action of [
      'Tạo tài khoản',
      'Sửa lĩnh vực',
      'Đổi ngưỡng tự động chuyển',
      'Thêm quy tắc định tuyến',
      'Kiểm tra gói dữ liệu',
      'Thu hồi khóa API',
    ]) {
      await table
        .getByRole('cell', { name: new RegExp(`^${action}`) })
        .first()
        .waitFor();
    }
    await expectAccessible(page, 'staff-52-admin-audit');

    const pager = page.getByRole('navigation', { name: 'Phân trang' });
    await pager.getByText('Trang 1').waitFor();
    await pager.getByRole('button', { name: 'Trang sau' }).click();
    await pager.getByText('Trang 2').waitFor();
    await table
      .getByRole('cell', { name: /^Đăng nhập thất bại/ })
      .first()
      .waitFor();
    // page 1's rows stay shown while page 2 is on its way
    await expect.poll(() => table.getByRole('cell', { name: /^Tạo tài khoản/ }).count()).toBe(0);
    await pager.getByRole('button', { name: 'Trang trước' }).click();
    await table.getByRole('cell', { name: /^Tạo tài khoản/ }).waitFor();

    await page.getByLabel('Loại hoạt động').selectOption('pack');
    await table.getByRole('cell', { name: /^Nhập gói dữ liệu/ }).waitFor();
    await expect(table.getByRole('cell', { name: /^Kiểm tra gói dữ liệu/ }).count()).resolves.toBe(2);
    await expect(table.getByRole('cell', { name: /^Tạo tài khoản/ }).count()).resolves.toBe(0);
    // the oldest of them: the broken pack's check
    await table.getByText('Xem chi tiết').last().click();
    const details = await table.locator('pre.adm-json').last().textContent();
    expect(details).toContain('"valid": false');
    expect(details).toContain('"problems": 2');
  });
});

describe('administration as an agency admin', () => {
  it("shows only the agency's own staff, and creates agency staff for it alone", async () => {
    const password = 'ward-admin-pass-1';
    const wardAdmin = await createUser(server.db, 'agency_admin', {
      agencyCode: 'ward-19753',
      passwordHash: await hashPassword(password),
    });
    const colleague = await createUser(server.db, 'agency_staff', { agencyCode: 'ward-19753' });
    const other = await createUser(server.db, 'agency_staff', { agencyCode: 'hepco' });
    const own = await desktopContext(browser, server);
    const wardPage = await own.newPage();
    await signIn(wardPage, wardAdmin.email as string, password);
    await wardPage.getByRole('link', { name: 'Quản trị' }).click();
    await wardPage.getByRole('heading', { level: 1, name: 'Cán bộ của UBND Phường Phú Xuân' }).waitFor();
    const menu = wardPage.getByRole('navigation', { name: 'Mục quản trị' });
    await expect(menu.getByRole('link').allTextContents()).resolves.toEqual(['Tài khoản cán bộ']);
    await wardPage.getByRole('cell', { name: colleague.email as string }).waitFor();
    expect(await wardPage.getByRole('cell', { name: other.email as string }).count()).toBe(0);
    expect(await wardPage.getByRole('link', { name: /^Sửa/ }).count()).toBe(0);
    await expectAccessible(wardPage, 'staff-53-agency-admin-staff');

    // a new colleague: no role or agency to choose, the temporary password shown once
    await wardPage.getByRole('link', { name: 'Tạo tài khoản' }).click();
    await wardPage.getByRole('heading', { level: 1, name: 'Tạo tài khoản cán bộ cho UBND Phường Phú Xuân' }).waitFor();
    expect(await wardPage.getByLabel('Vai trò').count()).toBe(0);
    expect(await wardPage.getByLabel('Đơn vị', { exact: true }).count()).toBe(0);
    const newEmail = `can-bo-moi-${Date.now()}@phuxuan.example`;
    await wardPage.getByLabel('Email công vụ').fill(newEmail);
    await wardPage.getByLabel('Họ tên').fill('Phan Thị Hoa');
    await wardPage.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await wardPage.getByRole('heading', { name: `Tài khoản ${newEmail} đã được tạo` }).waitFor();
    const temporary = (await wardPage.locator('output.adm-secret-value').textContent()) ?? '';
    const signedIn = await fetch(`${server.baseUrl}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: newEmail, password: temporary, session_type: 'bearer' }),
    });
    expect(((await signedIn.json()) as { user: unknown }).user).toMatchObject({
      role: 'agency_staff',
      must_change_password: true,
      agency: { code: 'ward-19753' },
    });
    await wardPage.getByRole('button', { name: 'Tôi đã lưu lại' }).click();
    await wardPage.getByRole('cell', { name: newEmail }).waitFor();

    await wardPage.goto('/staff/admin/agencies');
    await wardPage.getByRole('heading', { level: 1, name: 'Không có quyền' }).waitFor();

    // and in English
    await wardPage.getByRole('button', { name: 'Switch to English' }).click();
    await wardPage.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
    await wardPage
      .getByRole('navigation', { name: 'Administration topics' })
      .getByRole('link', { name: 'Staff accounts' })
      .click();
    await wardPage.getByRole('heading', { level: 1, name: "Staff of People's Committee of Phú Xuân Ward" }).waitFor();
    await expectAccessible(wardPage, 'staff-54-agency-admin-staff-en');
    await own.close();
  });
});
