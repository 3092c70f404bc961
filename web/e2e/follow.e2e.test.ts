// Following a report on a phone: it appears in My reports with its state, the city's question
// is answered in the page with a photo, the result is rated (a low rating reopens the case, a
// high one closes it), the inbox counts and clears unread notifications, and the case page
// reads in English. A reply against a case that changed meanwhile is told apart and retried.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenCase } from '../../src/shared/cases.js';
import type { TestUser } from '../../test/factories.js';
import {
  apiUser,
  type Browser,
  type BrowserContext,
  CITADEL,
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
let operator: TestUser;
let hepco: TestUser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  operator = await apiUser(server, 'operator');
  hepco = await apiUser(server, 'agency_staff', 'hepco');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** An API call with the session cookie the page signed in with: the citizen, outside the page. */
async function asCitizen<T>(context: BrowserContext, method: string, path: string, body?: unknown): Promise<T> {
  const session = (await context.cookies()).find((cookie) => cookie.name === 'citypulse_session');
  if (!session) throw new Error('the page has no session cookie');
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      cookie: `citypulse_session=${session.value}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

function report(context: BrowserContext, description: string): Promise<CitizenCase> {
  return asCitizen<CitizenCase>(context, 'POST', '/reports', {
    description,
    lat: CITADEL.latitude,
    lon: CITADEL.longitude,
    address: '2 Trần Hưng Đạo',
  });
}

/** Operator triages and assigns to hepco; hepco accepts and asks the citizen a question. */
async function askCitizen(caseId: string, question: string): Promise<void> {
  await callApi(server, operator, 'POST', `/cases/${caseId}/triage`, { category: 'waste' });
  await callApi(server, operator, 'POST', `/cases/${caseId}/assign`, { agency: 'hepco' });
  await callApi(server, hepco, 'POST', `/cases/${caseId}/accept`, {});
  await callApi(server, hepco, 'POST', `/cases/${caseId}/request-info`, { message: question });
}

/** The case as the server holds it now, read through the citizen's own API. */
const serverCase = (context: BrowserContext, caseId: string) =>
  asCitizen<CitizenCase>(context, 'GET', `/me/reports/${caseId}`);

const photo = (colour: string) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

/** Rates in the open dialog with the keyboard: from the first star, ArrowRight moves one up. */
async function rateWithKeyboard(page: Page, stars: number): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Đánh giá kết quả xử lý' });
  await dialog.getByRole('radio', { name: '1 sao' }).focus();
  // focus alone chooses nothing: Space picks the first star, arrows move from there
  await page.keyboard.press('Space');
  for (let step = 1; step < stars; step += 1) await page.keyboard.press('ArrowRight');
  expect(await dialog.getByRole('radio', { name: `${stars} sao` }).isChecked()).toBe(true);
}

const unreadOf = async (context: BrowserContext) =>
  (await asCitizen<{ unread: number }>(context, 'GET', '/me/notifications?limit=1')).unread;

describe('following a report', () => {
  it('shows the report, takes an answer with a photo, rates it twice, and clears the inbox', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, '0905200001');

    // a new citizen: an empty list that leads to making a report
    await page.goto('/reports');
    await page.getByText('Bạn chưa có phản ánh nào').waitFor();
    expect(await page.getByRole('link', { name: 'Phản ánh mới' }).getAttribute('href')).toBe('/report');
    await screenshot(page, 'citizen-10-my-reports-empty');

    const created = await report(context, 'Rác thải đổ bừa bãi trước chợ Đông Ba');
    await page.reload();
    const card = page.getByRole('listitem').filter({ hasText: created.code });
    await card.getByText('Đã tiếp nhận').waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe('Rác thải đổ bừa bãi trước chợ Đông Ba');

    await askCitizen(created.id, 'Bạn chụp thêm ảnh góc chợ phía sông được không?');
    await page.reload();
    await card.getByText('Chờ bạn bổ sung').waitFor();
    await card.getByText('Thành phố đang chờ bạn trả lời câu hỏi').waitFor();
    await screenshot(page, 'citizen-11-my-reports');
    expect(await seriousA11yViolations(page), 'my reports').toEqual([]);

    // the case page leads with the question and the answer form
    await card.getByRole('link').click();
    await page.waitForURL(`**/reports/${created.id}`);
    const question = page.getByRole('region', { name: /^Câu hỏi từ / });
    await question.getByText('Bạn chụp thêm ảnh góc chợ phía sông được không?').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Phản ánh ${created.code}`);
    await screenshot(page, 'citizen-12-case-question');
    expect(await seriousA11yViolations(page), 'case page with a question').toEqual([]);

    // an empty answer and a file that is not a photo are refused in words
    await question.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await question.getByText('Hãy viết câu trả lời trước khi gửi.').waitFor();
    const picker = question.getByLabel('Thêm ảnh');
    await picker.setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') });
    await question.getByText('ghi-chu.txt không phải là ảnh.').waitFor();

    // two photos picked, one removed again: the preview goes with it
    await picker.setInputFiles([
      { name: 'goc-cho.jpg', mimeType: 'image/jpeg', buffer: await photo('#2e8b57') },
      { name: 'nham-anh.jpg', mimeType: 'image/jpeg', buffer: await photo('#8b0000') },
    ]);
    await question.getByRole('img', { name: 'Ảnh xem trước: nham-anh.jpg' }).waitFor();
    await question.getByRole('button', { name: 'Xóa ảnh nham-anh.jpg' }).click();
    await question.getByRole('img', { name: 'Ảnh xem trước: nham-anh.jpg' }).waitFor({ state: 'detached' });
    expect(await question.getByRole('img', { name: 'Ảnh xem trước: goc-cho.jpg' }).count()).toBe(1);

    await question.getByLabel('Câu trả lời của bạn').fill('Rác vẫn còn ở góc chợ phía sông, ảnh kèm theo.');
    // the form says the answer becomes public, and offers to keep it for the city alone (left off here)
    await question.getByText('Câu trả lời và ảnh sẽ hiện công khai trên trang phản ánh', { exact: false }).waitFor();
    await question.getByRole('checkbox', { name: 'Chỉ cơ quan thành phố được xem câu trả lời này' }).waitFor();
    await question.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.getByText('Đã gửi câu trả lời. Đơn vị sẽ tiếp tục xử lý phản ánh của bạn.').waitFor();
    // the question has been answered: the form is gone, the state is back with the agency
    expect(await page.getByRole('region', { name: /^Câu hỏi từ / }).count()).toBe(0);
    const replied = page.getByRole('status').filter({ hasText: 'Đã gửi câu trả lời' });
    expect(await replied.textContent()).toMatch(/Trạng thái hiện tại:\s+Đang xử lý/);
    const history = page.getByRole('region', { name: 'Quá trình xử lý' });
    const answer = history.getByRole('listitem').filter({ hasText: 'Người phản ánh đã trả lời' });
    await answer.getByText('Rác vẫn còn ở góc chợ phía sông, ảnh kèm theo.').waitFor();
    const answerPhoto = answer.getByRole('img', { name: 'Ảnh 1/1: Người phản ánh đã trả lời' });
    await answerPhoto.waitFor();
    await expect
      .poll(() => answerPhoto.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page, 'citizen-13-case-answered');

    const afterReply = await serverCase(context, created.id);
    expect(afterReply.state).toBe('in_progress');
    const reply = afterReply.timeline?.find((event) => event.type === 'citizen_replied');
    expect(reply).toMatchObject({ message: 'Rác vẫn còn ở góc chợ phía sông, ảnh kèm theo.' });
    expect(reply?.media).toHaveLength(1);

    // resolved: a low rating with "not fixed" reopens the case
    await callApi(server, hepco, 'POST', `/cases/${created.id}/resolve`, { message: 'Đã thu gom rác' });
    await page.reload();
    await page.getByRole('region', { name: 'Kết quả xử lý' }).getByText('Đã thu gom rác').waitFor();
    await page.getByRole('button', { name: 'Đánh giá kết quả' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đánh giá kết quả xử lý' });
    await dialog.waitFor();
    // where the citizen writes, they read that the rating and comment become public
    await dialog.getByText('Số sao và nhận xét sẽ hiện công khai trên trang phản ánh', { exact: false }).waitFor();
    await screenshot(page, 'citizen-14-rating-dialog');
    expect(await seriousA11yViolations(page), 'rating dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await dialog.getByText('Hãy chọn từ 1 đến 5 sao.').waitFor();
    await rateWithKeyboard(page, 2);
    await dialog.getByLabel('Nhận xét (không bắt buộc)').fill('Góc chợ vẫn còn rác');
    await dialog.getByRole('checkbox', { name: 'Vấn đề vẫn chưa được khắc phục' }).check();
    await dialog.getByText('Phản ánh sẽ được mở lại và chuyển lại cho đơn vị xử lý.').waitFor();
    await dialog.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await dialog.waitFor({ state: 'detached' });
    const reopened = page.getByRole('status').filter({ hasText: 'Phản ánh đã được mở lại để đơn vị xử lý tiếp' });
    await reopened.waitFor();
    expect(await reopened.textContent()).toMatch(/Trạng thái hiện tại:\s+Mở lại/);
    await page.getByRole('region', { name: 'Đánh giá của bạn' }).getByText('2 sao · chưa khắc phục').waitFor();
    await screenshot(page, 'citizen-15-case-reopened');
    expect(await serverCase(context, created.id)).toMatchObject({ state: 'reopened', rating: 2 });

    // resolved again: five stars close it
    await callApi(server, hepco, 'POST', `/cases/${created.id}/accept`, {});
    await callApi(server, hepco, 'POST', `/cases/${created.id}/resolve`, { message: 'Đã thu gom hết' });
    await page.reload();
    await page.getByRole('button', { name: 'Đánh giá kết quả' }).click();
    await rateWithKeyboard(page, 5);
    await dialog.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const closed = page.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã đánh giá. Phản ánh đã được đóng.' });
    await closed.waitFor();
    expect(await closed.textContent()).toMatch(/Trạng thái hiện tại:\s+Đã đóng/);
    expect(await serverCase(context, created.id)).toMatchObject({ state: 'closed', rating: 5 });
    await screenshot(page, 'citizen-16-case-closed');

    // the inbox: the badge counts what the city said, opening or marking clears it
    const unread = await unreadOf(context);
    expect(unread).toBeGreaterThanOrEqual(5);
    await page.goto('/inbox');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: `Thông báo, ${unread} chưa đọc` }).waitFor();
    await page.getByText(`Bạn có ${unread} thông báo chưa đọc`).waitFor();
    const items = page.getByRole('list').filter({ hasText: created.code }).getByRole('listitem');
    expect(await items.filter({ hasText: 'Chưa đọc' }).count()).toBe(unread);
    await screenshot(page, 'citizen-17-inbox');
    expect(await seriousA11yViolations(page), 'inbox').toEqual([]);

    await items.first().getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.getByText(`Bạn có ${unread - 1} thông báo chưa đọc`).waitFor();
    await nav.getByRole('link', { name: `Thông báo, ${unread - 1} chưa đọc` }).waitFor();
    await items.first().getByText('Đã đọc').waitFor();
    await page.getByRole('button', { name: 'Chưa đọc', exact: true }).click();
    await expect.poll(() => items.count()).toBe(unread - 1);
    await page.getByRole('button', { name: 'Tất cả', exact: true }).click();
    await expect.poll(() => items.count()).toBe(unread);

    // a notification about the case opens the case page, and counts as read
    await page.getByRole('link', { name: `Cần thêm thông tin cho phản ánh ${created.code}` }).click();
    await page.waitForURL(`**/reports/${created.id}`);
    await nav.getByRole('link', { name: `Thông báo, ${unread - 2} chưa đọc` }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await page.getByText('Không có thông báo chưa đọc').waitFor();
    await nav.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    expect(await items.filter({ hasText: 'Chưa đọc' }).count()).toBe(0);
    expect(await unreadOf(context)).toBe(0);
    await screenshot(page, 'citizen-18-inbox-read');

    // the same case page in English
    await page.goto(`/reports/${created.id}`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: `Report ${created.code}` }).waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('The reporter answered').waitFor();
    await page.getByRole('region', { name: 'Your rating' }).getByText('5 stars').waitFor();
    await page.getByText('Report code').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'citizen-19-case-english');
    await context.close();
  });

  it('tells a stale answer apart, shows the latest case, and takes the answer again', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, '0905200002');
    const created = await report(context, 'Đèn đường hỏng trên cầu Trường Tiền');
    await askCitizen(created.id, 'Đèn hỏng ở đầu cầu nào?');
    await page.goto(`/reports/${created.id}`);
    const question = page.getByRole('region', { name: /^Câu hỏi từ / });
    await question.getByText('Đèn hỏng ở đầu cầu nào?').waitFor();

    // meanwhile the agency adds an internal note: the version the citizen saw is old
    await callApi(server, hepco, 'POST', `/cases/${created.id}/notes`, { text: 'Đội điện sẽ kiểm tra' });
    await question.getByLabel('Câu trả lời của bạn').fill('Đầu cầu phía đường Lê Lợi');
    await question.getByRole('checkbox', { name: 'Chỉ cơ quan thành phố được xem câu trả lời này' }).check();
    await question.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.getByRole('alert').filter({ hasText: 'Phản ánh vừa được cập nhật trong lúc bạn xem' }).waitFor();
    expect((await serverCase(context, created.id)).state).toBe('waiting_for_citizen');

    // the page has the latest version now: the same answer goes through
    await question.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.getByText('Đã gửi câu trả lời. Đơn vị sẽ tiếp tục xử lý phản ánh của bạn.').waitFor();
    const answered = await serverCase(context, created.id);
    expect(answered.state).toBe('in_progress');
    // kept for the city: an internal event, not on the public page
    expect(answered.timeline?.find((event) => event.type === 'citizen_replied')).toMatchObject({ public: false });
    const publicPage = (await (await fetch(`${server.baseUrl}/api/v1/public/reports/${created.code}`)).json()) as {
      timeline: { type: string }[];
    };
    expect(publicPage.timeline.some((event) => event.type === 'citizen_replied')).toBe(false);
    await context.close();
  });

  it('lists the newest reports first, a page at a time', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await signInCitizen(page, server, '0905200003');
    const codes: string[] = [];
    for (let n = 1; n <= 22; n += 1) codes.push((await report(context, `Ổ gà số ${n} trên đường Lê Lợi`)).code);
    await page.goto('/reports');
    const cards = page.getByRole('list').filter({ hasText: codes[21] }).getByRole('listitem');
    await page.getByText('Đang hiển thị 20 phản ánh mới nhất').waitFor();
    expect(await cards.count()).toBe(20);
    expect(await cards.first().textContent()).toContain(codes[21]);
    await page.getByRole('button', { name: 'Xem thêm phản ánh' }).click();
    await page.getByText('22 phản ánh', { exact: true }).waitFor();
    expect(await cards.count()).toBe(22);
    expect(await cards.last().textContent()).toContain(codes[0]);
    expect(await page.getByRole('button', { name: 'Xem thêm phản ánh' }).count()).toBe(0);
    await context.close();
  });
});
