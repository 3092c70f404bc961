// The staff case page and the agency workspace, end to end: an operator assigns a citizen's
// report to the suggested agency, the agency accepts it, asks the citizen (who answers through
// the API), resolves it with a proof photo, and the citizen's rating shows; a stale page gets
// a clear conflict and reloads; another agency's staff can open neither the page nor the API.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { TRANSITIONS } from '../../src/modules/cases/state-machine.js';
import type { StaffCase } from '../../src/shared/cases.js';
import type { Agency } from '../../src/shared/reference-data.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { ACTION_FROM } from '../src/staff/case/caseActions.js';
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

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Staff {
  user: TestUser;
  email: string;
  password: string;
}

async function staffMember(role: 'operator' | 'agency_staff', agencyCode?: string): Promise<Staff> {
  const password = `pass-${role}-${Math.random().toString(36).slice(2)}`;
  const user = await createUser(server.db, role, {
    ...(agencyCode ? { agencyCode } : {}),
    passwordHash: await hashPassword(password),
  });
  return { user, email: user.email as string, password };
}

/** A staff member's own browser, signed in through the console's door. */
async function signedIn(staff: Staff): Promise<Page> {
  const context = await desktopContext(browser, server);
  const page = await context.newPage();
  await page.goto('/staff');
  await page.getByLabel('Email công vụ').fill(staff.email);
  await page.getByLabel('Mật khẩu').fill(staff.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng bảng điều khiển' }).waitFor();
  return page;
}

async function report(citizen: TestUser, description: string, at: { lat: number; lon: number }) {
  return callApi<{ id: string; code: string }>(server, citizen, 'POST', '/reports', { description, ...at });
}

/** A report with a photo, sent as the app sends it (multipart, the photo in a part named "files"). */
async function reportWithPhoto(citizen: TestUser, description: string, at: { lat: number; lon: number }) {
  const form = new FormData();
  form.set('description', description);
  form.set('lat', String(at.lat));
  form.set('lon', String(at.lon));
  form.set('files', new Blob([new Uint8Array(await jpeg('#7a8b99'))], { type: 'image/jpeg' }), 'rubbish.jpg');
  const response = await fetch(`${server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: citizen.auth,
    body: form,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; code: string };
}

const jpeg = (background: string) =>
  sharp({ create: { width: 96, height: 64, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** Waits for an image to load and answers its width (0 when it failed). */
async function loadedWidth(page: Page, name: string): Promise<number> {
  const image = page.getByRole('img', { name });
  await image.scrollIntoViewIfNeeded();
  return image.evaluate(
    // runs in the page: an <img>, typed by what is used (this project has no DOM types)
    (element: { complete: boolean; naturalWidth: number; onload: unknown; onerror: unknown }) =>
      new Promise<number>((resolve) => {
        if (element.complete) resolve(element.naturalWidth);
        element.onload = () => resolve(element.naturalWidth);
        element.onerror = () => resolve(0);
      }),
  );
}

/** The definition next to a term of a description list (a figure, a fact). */
const definitionOf = (page: Page, term: string) =>
  page.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd');

async function expectNoSeriousA11yViolations(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

describe('the staff case page and the agency workspace', () => {
  it('offers actions by the same state machine as the server', () => {
    for (const [action, from] of Object.entries(ACTION_FROM)) {
      expect(TRANSITIONS[action as keyof typeof TRANSITIONS].from, action).toEqual(from);
    }
  });

  it('takes a report from the operator to the agency and back to the citizen', async () => {
    const citizen = await apiUser(server, 'citizen');
    const operator = await staffMember('operator');
    const created = await report(citizen, 'Đèn đường bị hỏng, không sáng cả tuần nay gần cửa Ngọ Môn', {
      lat: 16.4698,
      lon: 107.5786,
    });
    const seen = await callApi<StaffCase>(server, operator.user, 'GET', `/cases/${created.id}`);
    const suggestedAgency = seen.suggestion?.agency;
    expect(suggestedAgency).toBeTruthy();
    const agency = await callApi<Agency>(server, operator.user, 'GET', `/agencies/${suggestedAgency}`);
    const agencyStaff = await staffMember('agency_staff', agency.code);

    // the operator: the suggestion, the reporter's contact, the suggested agency chosen already
    const operatorPage = await signedIn(operator);
    await operatorPage.goto(`/staff/cases/${created.id}`);
    await operatorPage.getByRole('heading', { name: `Phản ánh ${created.code}`, level: 1 }).waitFor();
    const explanation = seen.suggestion?.routing_explanation?.vi ?? '';
    expect(explanation).not.toBe('');
    await operatorPage.getByText(explanation).waitFor();
    // how sure the model is, in words, for the category and the priority; the figure in the tooltip
    const sureness = operatorPage.locator('.sc-suggestion .confidence');
    expect(await sureness.count()).toBe(2);
    for (const word of await sureness.allTextContents()) expect(word).toMatch(/^(chắc chắn|có thể|chưa chắc)$/);
    expect(await sureness.first().getAttribute('title')).toMatch(/\d+\s?%/);
    await operatorPage
      .getByRole('region', { name: 'Người phản ánh' })
      .getByText(citizen.phone as string)
      .waitFor();
    const agencyChoice = operatorPage.getByLabel('Đơn vị', { exact: true });
    expect(await agencyChoice.inputValue()).toBe(agency.code);
    await expectNoSeriousA11yViolations(operatorPage);
    await screenshot(operatorPage, 'staff-2x-case-operator');
    // the open action's own button keeps its form open; the form's close button closes it
    const assignTab = operatorPage.getByRole('button', { name: 'Giao xử lý', exact: true });
    expect(await assignTab.getAttribute('aria-expanded')).toBe('true');
    await assignTab.click();
    expect(await assignTab.getAttribute('aria-expanded')).toBe('true');
    await operatorPage.getByRole('button', { name: 'Giao cho đơn vị' }).waitFor();
    await operatorPage.getByRole('button', { name: 'Đóng biểu mẫu' }).click();
    expect(await assignTab.getAttribute('aria-expanded')).toBe('false');
    await assignTab.click();
    await operatorPage.getByRole('button', { name: 'Giao cho đơn vị' }).click();
    await operatorPage.getByRole('status').getByText(`Đã giao phản ánh cho ${agency.name_vi}.`).waitFor();
    await operatorPage.getByText('Đã giao đơn vị').first().waitFor();

    // the agency: the case is in its queue; it accepts it from the case page
    const agencyPage = await signedIn(agencyStaff);
    await agencyPage.goto('/staff/agency');
    const queue = agencyPage.getByRole('region', { name: 'Phản ánh đang xử lý' });
    await queue.getByRole('link', { name: created.code }).waitFor();
    await definitionOf(agencyPage, 'Tiếp nhận').getByText('1', { exact: true }).waitFor();
    await expectNoSeriousA11yViolations(agencyPage);
    await screenshot(agencyPage, 'staff-2x-agency-workspace');
    await queue.getByRole('link', { name: created.code }).click();
    await agencyPage.getByRole('heading', { name: `Phản ánh ${created.code}`, level: 1 }).waitFor();
    await agencyPage.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
    await agencyPage.getByRole('status').getByText('Bạn đã tiếp nhận phản ánh.').waitFor();

    // someone changes the case meanwhile: the page's next action is refused, said, and reloaded
    const note = 'Đã gọi điện cho tổ chiếu sáng khu vực Thành Nội';
    await callApi(server, operator.user, 'POST', `/cases/${created.id}/notes`, { text: note });
    await agencyPage.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    await agencyPage.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await agencyPage.getByText('Viết điều người dân cần cho biết hoặc chụp gửi.').waitFor();
    const question = 'Anh/chị cho biết số cột đèn hoặc chụp thêm ảnh giúp chúng tôi.';
    await agencyPage.getByLabel('Câu hỏi cho người dân').fill(question);
    await agencyPage.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await agencyPage
      .getByRole('alert')
      .getByText('Người khác vừa thay đổi phản ánh này; trang đã được tải lại.', { exact: false })
      .waitFor();
    const noteEntry = agencyPage.getByRole('listitem').filter({ hasText: note });
    await noteEntry.getByText(/Nội bộ$/).waitFor(); // the marker, not the title "Ghi chú nội bộ"
    await agencyPage.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await agencyPage.getByRole('status').getByText('Đã gửi câu hỏi cho người dân.', { exact: false }).waitFor();
    await agencyPage.getByText('Chờ người dân bổ sung').first().waitFor();
    // the deadline's clock stops while the case waits for the citizen, and the chip says so
    await agencyPage.getByText('Hạn tạm dừng (chờ người dân)').waitFor();

    // the citizen answers through the API; the staff page shows it on the timeline
    const answer = 'Cột đèn số 12, bên trái cổng Ngọ Môn.';
    const waiting = await callApi<{ version: number }>(server, citizen, 'GET', `/me/reports/${created.id}`);
    await callApi(server, citizen, 'POST', `/me/reports/${created.id}/reply`, {
      message: answer,
      version: waiting.version,
    });
    await agencyPage.reload();
    const replyEntry = agencyPage.getByRole('listitem').filter({ hasText: answer });
    await replyEntry.getByText('Người phản ánh đã trả lời').waitFor();
    await replyEntry.getByText(/Công khai$/).waitFor();

    // resolved with a public note and a proof photo
    const proof = await jpeg('#f2b705');
    await agencyPage.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
    await agencyPage.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
    await agencyPage.getByText('Nêu việc đã làm trước khi hoàn thành.').waitFor();
    await agencyPage.getByLabel('Kết quả xử lý').fill('Đã thay bóng đèn cột số 12, đèn sáng bình thường.');
    await agencyPage
      .getByLabel('Thêm ảnh minh chứng')
      .setInputFiles({ name: 'proof.jpg', mimeType: 'image/jpeg', buffer: proof });
    await agencyPage.getByRole('img', { name: 'Xem trước: proof.jpg' }).waitFor();
    await agencyPage.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
    await agencyPage.getByRole('status').getByText('Đã hoàn thành xử lý.', { exact: false }).waitFor();
    expect(await loadedWidth(agencyPage, 'Ảnh 1/1, Đã xử lý xong')).toBeGreaterThan(0);

    // the citizen rates through the API; the case shows the rating
    await callApi(server, citizen, 'POST', `/me/reports/${created.id}/rating`, {
      rating: 5,
      comment: 'Cảm ơn, đèn đã sáng.',
      fixed: true,
    });
    await agencyPage.reload();
    await definitionOf(agencyPage, 'Đánh giá của người dân').getByText('5/5 sao').waitFor();
    await agencyPage.getByText('Đã đóng').first().waitFor();
    await expectNoSeriousA11yViolations(agencyPage);
    await screenshot(agencyPage, 'staff-2x-case-agency-closed');

    // the agency's figures count it
    await agencyPage.goto('/staff/agency');
    await definitionOf(agencyPage, 'Đã xử lý').getByText('1', { exact: true }).waitFor();
    await definitionOf(agencyPage, 'Người dân hài lòng \\(4 hoặc 5 sao\\)')
      .getByText(/100\s?%/)
      .waitFor();
    await agencyPage.getByText('Không có phản ánh đang mở').waitFor();

    // staff of another agency: neither the page nor the API opens it
    const other = await staffMember('agency_staff', agency.code === 'hepco' ? 'doc' : 'hepco');
    const otherPage = await signedIn(other);
    await otherPage.goto(`/staff/cases/${created.id}`);
    await otherPage.getByRole('heading', { name: 'Không tìm thấy phản ánh', level: 1 }).waitFor();
    await otherPage.getByText('bạn không có quyền xem', { exact: false }).waitFor();
    const refused = await fetch(`${server.baseUrl}/api/v1/cases/${created.id}`, { headers: other.user.auth });
    expect([403, 404]).toContain(refused.status);
    const closed = await callApi<StaffCase>(server, operator.user, 'GET', `/cases/${created.id}`);
    const proofId = closed.timeline?.find((event) => event.type === 'resolved')?.media[0]?.id;
    expect(proofId).toBeTruthy();
    const media = await fetch(`${server.baseUrl}/api/v1/cases/${created.id}/media/${proofId}`, {
      headers: other.user.auth,
    });
    expect([403, 404]).toContain(media.status);

    await Promise.all([operatorPage, agencyPage, otherPage].map((page) => page.context().close()));
  });

  it('lets an operator merge a duplicate after confirming', async () => {
    const operator = await staffMember('operator');
    const first = await report(
      await apiUser(server, 'citizen'),
      'Rác thải đổ bừa bãi ở góc đường, bốc mùi rất khó chịu',
      {
        lat: 16.4637,
        lon: 107.5909,
      },
    );
    const second = await reportWithPhoto(
      await apiUser(server, 'citizen'),
      'Rác thải đổ bừa bãi ở góc đường, bốc mùi khó chịu quá',
      { lat: 16.46372, lon: 107.59092 },
    );
    const page = await signedIn(operator);
    await page.goto(`/staff/cases/${second.id}`);
    // the reporter's photo, large, with words for screen readers and the original a click away
    expect(await loadedWidth(page, `Ảnh 1/1, gửi kèm phản ánh ${second.code}`)).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Mở tệp gốc (mở trong cửa sổ mới)' }).waitFor();
    const duplicates = page.getByRole('region', { name: 'Phản ánh có thể trùng' });
    await duplicates.getByRole('link', { name: first.code }).waitFor();
    await duplicates.getByRole('button', { name: `Gộp phản ánh này vào ${first.code}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Gộp phản ánh trùng?' });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'staff-2x-case-merge-confirm');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await callApi<StaffCase>(server, operator.user, 'GET', `/cases/${second.id}`)).state).toBe('submitted');

    await duplicates.getByRole('button', { name: `Gộp phản ánh này vào ${first.code}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Gộp', exact: true }).click();
    await page.getByRole('status').getByText('Đã gộp phản ánh.', { exact: false }).waitFor();
    await definitionOf(page, 'Đã gộp vào').getByRole('link', { name: first.code }).waitFor();
    expect((await callApi<StaffCase>(server, operator.user, 'GET', `/cases/${second.id}`)).merged_into).toBe(
      first.code,
    );

    // the same page in English
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: `Case ${second.code}`, level: 1 }).waitFor();
    await definitionOf(page, 'Merged into').getByRole('link', { name: first.code }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Merged into another report' })
      .getByText(/Public$/)
      .waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'staff-2x-case-merged-en');
    await page.context().close();
  });
});
