// The questions a category asks (the city pack's attributes), end to end in the browser: the
// report form shows the chosen category's questions with the input of each datatype, will not
// go on without a required answer, shows the answers on review and sends them; the staff case
// page shows them to the operator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { createUser } from '../../test/factories.js';
import {
  type Browser,
  desktopContext,
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

const stepHeading = (page: Page, text: string) => page.getByRole('heading', { level: 2, name: text });
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp' }).click();

describe("a category's questions", () => {
  it('are asked by the report form, required ones enforced, and shown to staff', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, '0905300001');
    await page.goto('/report');
    await stepHeading(page, 'Bước 1/4: Ảnh, video, ghi âm').waitFor();
    await next(page);
    await stepHeading(page, 'Bước 2/4: Vị trí').waitFor();
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
    await page.getByText(/^Vị trí thuộc /).waitFor();
    await next(page);
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();
    const description = `Tường thành bị vẽ bậy, cần làm sạch (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);

    // the kinds of waste are checkboxes; another category asks other questions
    await page.getByLabel('Loại vấn đề').selectOption('waste');
    const questions = page.getByRole('group', { name: 'Thông tin thêm theo loại vấn đề' });
    await questions.waitFor();
    await page.getByRole('group', { name: /^Loại rác/ }).waitFor();
    await page.getByLabel('Phế thải xây dựng').check();
    await page.getByLabel('Loại vấn đề').selectOption('tourism_heritage');
    await page.getByRole('group', { name: /^Loại rác/ }).waitFor({ state: 'detached' });

    // a required question left empty keeps the citizen on this step, said next to the questions
    await next(page);
    await page.getByRole('alert').filter({ hasText: 'Hãy trả lời câu hỏi bắt buộc' }).waitFor();
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();
    await page.getByLabel('Tên di tích hoặc điểm du lịch (bắt buộc)').fill('Kinh thành Huế, cửa Hiển Nhơn');
    await page.getByLabel('Vị trí cụ thể trong khu di tích (không bắt buộc)').fill('Mặt ngoài, bên trái cổng');
    await screenshot(page, 'citizen-27-report-attributes');
    expect(await seriousA11yViolations(page), 'step 3 with questions').toEqual([]);

    await next(page);
    await stepHeading(page, 'Bước 4/4: Xem lại và gửi').waitFor();
    await page.getByText('Kinh thành Huế, cửa Hiển Nhơn').waitFor();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();
    const { rows } = await server.db.query<{ id: string; attributes: unknown }>(
      `SELECT c.id, e.payload->'attributes' AS attributes FROM cases c
         JOIN case_events e ON e.case_id = c.id AND e.type = 'submitted' WHERE c.description = $1`,
      [description],
    );
    expect(rows).toEqual([
      {
        id: expect.any(String),
        attributes: { site: 'Kinh thành Huế, cửa Hiển Nhơn', details: 'Mặt ngoài, bên trái cổng' },
      },
    ]);
    await context.close();

    // the operator reads the answers on the case page
    const password = `pass-operator-${Math.random().toString(36).slice(2)}`;
    const operator = await createUser(server.db, 'operator', { passwordHash: await hashPassword(password) });
    const staffContext = await desktopContext(browser, server);
    const staffPage = await staffContext.newPage();
    await staffPage.goto('/staff');
    await staffPage.getByLabel('Email công vụ').fill(operator.email as string);
    await staffPage.getByLabel('Mật khẩu').fill(password);
    await staffPage.getByRole('button', { name: 'Đăng nhập' }).click();
    await staffPage.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' }).waitFor();
    await staffPage.goto(`/staff/cases/${rows[0]?.id}`);
    const section = staffPage.getByRole('region', { name: 'Thông tin theo loại vấn đề' });
    await section.waitFor();
    await section.getByText('Tên di tích hoặc điểm du lịch').waitFor();
    await section.getByText('Kinh thành Huế, cửa Hiển Nhơn').waitFor();
    await screenshot(staffPage, 'staff-27-case-attributes');
    await staffContext.close();
  });
});
