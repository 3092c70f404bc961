// Reporting a problem on a phone, in four steps: a photo (its EXIF place offered), a pin from
// GPS or a tap on the map with the ward shown, a description with a live category suggestion
// and a similar case nearby to follow instead, review, send, the code. Offline, the report is
// kept on the device as "waiting to send" and sent exactly once when the network is back,
// even when the server's first answer is lost; a refusal comes back next to the right step.
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUser,
  type Browser,
  type BrowserContext,
  CHROMIUM_FLAGS,
  CHROMIUM_PATH,
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

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Thiên Mụ pagoda, where the test photo says it was taken. */
const PAGODA = { lat: 16.4535, lon: 107.5446 };
/** Hà Nội: far outside the city. */
const HANOI = { latitude: 21.0285, longitude: 105.8542 };

function dms(value: number): string {
  const degrees = Math.floor(value);
  const minutesFull = (value - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  return `${degrees}/1 ${minutes}/1 ${Math.round((minutesFull - minutes) * 6000)}/100`;
}

/** A small JPEG, with the place it was "taken" in its EXIF when given one. */
async function photo(colour: string, place?: { lat: number; lon: number }): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg();
  if (!place) return image.toBuffer();
  return image
    .withExif({
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: dms(place.lat),
        GPSLongitudeRef: 'E',
        GPSLongitude: dms(place.lon),
      },
    })
    .toBuffer();
}

async function casesWith(description: string) {
  const { rows } = await server.db.query<{
    id: string;
    code: string;
    lat: number;
    lon: number;
    channel: string;
    media: number;
  }>(
    `SELECT c.id, c.code, c.lat, c.lon, c.channel,
            (SELECT count(*)::int FROM case_media m WHERE m.case_id = c.id) AS media
       FROM cases c WHERE c.description = $1`,
    [description],
  );
  return rows;
}

/** The little of the browser's IndexedDB read here (this project's types are Node's). */
interface PageRequest<T> {
  result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface PageIndexedDb {
  databases(): Promise<{ name?: string }[]>;
  open(name: string): PageRequest<{
    transaction(store: string): { objectStore(name: string): { getAll(): PageRequest<unknown[]> } };
    close(): void;
  }>;
}

/** What the page keeps in one IndexedDB store, as JSON (files show as {}); [] when there is none. */
function storedOnDevice(page: Page, database: string, store: string): Promise<unknown[]> {
  return page.evaluate(
    async ({ database, store }) => {
      // runs in the page: its globals are the browser's
      const idb = (globalThis as unknown as { indexedDB: PageIndexedDb }).indexedDB;
      // opening a database that is not there would make an empty one under the app's feet
      if (!(await idb.databases()).some((found) => found.name === database)) return [];
      return new Promise<unknown[]>((resolve, reject) => {
        const opened = idb.open(database);
        opened.onerror = () => reject(new Error(`cannot open ${database}`));
        opened.onsuccess = () => {
          const all = opened.result.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            opened.result.close();
            resolve(JSON.parse(JSON.stringify(all.result)) as unknown[]);
          };
          all.onerror = () => reject(new Error(`cannot read ${store}`));
        };
      });
    },
    { database, store },
  );
}

/** How many reports this device's outbox holds. */
const outboxSize = async (page: Page) => (await storedOnDevice(page, 'citypulse-outbox', 'reports')).length;

/** The descriptions of the drafts kept on this device. */
const savedDrafts = async (page: Page) =>
  ((await storedOnDevice(page, 'citypulse-report-drafts', 'drafts')) as { draft: { description: string } }[]).map(
    (saved) => saved.draft.description,
  );

async function expectNoSeriousViolations(page: Page, where: string) {
  expect(await seriousA11yViolations(page), where).toEqual([]);
}

const stepHeading = (page: Page, text: string) => page.getByRole('heading', { level: 2, name: text });

async function openReportPage(context: BrowserContext, phone: string): Promise<Page> {
  const page = await context.newPage();
  await signInCitizen(page, server, phone);
  await page.goto('/report');
  await stepHeading(page, 'Bước 1/4: Ảnh, video, ghi âm').waitFor();
  return page;
}

/**
 * The service worker has the app shell and its lazy parts and controls the page, as on a
 * phone that has opened the app before: it takes the pages opened after it was installed.
 */
async function waitForServiceWorker(page: Page) {
  // runs in the page: its globals are the browser's
  type Workers = { navigator: { serviceWorker: { ready: Promise<unknown>; controller: unknown } } };
  await page.evaluate(async () => {
    await (globalThis as unknown as Workers).navigator.serviceWorker.ready;
  });
  if (await page.evaluate(() => (globalThis as unknown as Workers).navigator.serviceWorker.controller === null)) {
    await page.reload();
    await stepHeading(page, 'Bước 1/4: Ảnh, video, ghi âm').waitFor();
  }
  await page.waitForFunction(() => (globalThis as unknown as Workers).navigator.serviceWorker.controller !== null);
}

async function pinByGps(page: Page, ward: string) {
  await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
  await page.getByText(`Vị trí thuộc ${ward}`).waitFor();
}

describe('reporting a problem', () => {
  it('sends a photo, a pin, a description and a suggested category, and shows the code', async () => {
    // someone already reported the same pothole at the Citadel
    const neighbour = await apiUser(server, 'citizen');
    const earlier = await callApi<{ code: string }>(server, neighbour, 'POST', '/reports', {
      description: 'Ổ gà rất lớn trên đường trước cửa Ngọ Môn, xe máy dễ bị ngã',
      lat: CITADEL.latitude,
      lon: CITADEL.longitude,
    });

    const context = await phoneContext(browser, server);
    const page = await openReportPage(context, '0905200001');
    await screenshot(page, 'citizen-20-report-media-empty');
    await expectNoSeriousViolations(page, 'step 1, empty');

    // step 1: two photos from the gallery, the second removed again
    const gallery = page.getByLabel('Chọn ảnh từ thư viện');
    await gallery.setInputFiles([
      { name: 'o-ga.jpg', mimeType: 'image/jpeg', buffer: await photo('#8b4513', PAGODA) },
      { name: 'khac.jpg', mimeType: 'image/jpeg', buffer: await photo('#1e90ff') },
    ]);
    await page.getByRole('img', { name: 'Ảnh 2' }).waitFor();
    await page.getByRole('button', { name: 'Xóa ảnh 2' }).click();
    await page.getByRole('img', { name: 'Ảnh 2' }).waitFor({ state: 'detached' });
    await page.getByRole('img', { name: 'Ảnh 1' }).waitFor();
    await page.getByText('Đã đính kèm 1/10 tệp.').waitFor();
    await screenshot(page, 'citizen-21-report-media');
    await expectNoSeriousViolations(page, 'step 1, a photo');

    // step 2: the photo's place is offered; a tap on the map puts the pin; GPS moves it
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await stepHeading(page, 'Bước 2/4: Vị trí').waitFor();
    await page.getByText('Ảnh của bạn có ghi vị trí chụp. Dùng vị trí trong ảnh?').waitFor();
    const map = page.getByRole('region', { name: 'Bản đồ chọn vị trí phản ánh' });
    await map.waitFor();
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no size');
    await map.click({ position: { x: box.width / 2 + 20, y: box.height / 2 + 20 } });
    await page.getByText(/^Tọa độ: /).waitFor();
    await page.getByText(/^Vị trí thuộc /).waitFor();
    await pinByGps(page, 'Phường Phú Xuân');
    await expect(page.getByText(/^Tọa độ: /).textContent()).resolves.toBe('Tọa độ: 16.46980, 107.57860');
    await page.getByLabel('Địa chỉ (không bắt buộc)').fill('Trước cửa Ngọ Môn');
    await screenshot(page, 'citizen-22-report-location');
    await expectNoSeriousViolations(page, 'step 2');

    // step 3: the category is suggested from the text; the earlier report is offered to follow
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();
    const description = `Ổ gà lớn trước cửa Ngọ Môn, xe máy dễ bị ngã khi trời tối (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);
    await page.getByText(/^Gợi ý từ mô tả: /).waitFor();
    await page.getByText(`${description.length}/4000 ký tự`).waitFor();
    await page.getByRole('heading', { name: 'Có phải một trong các phản ánh này?' }).waitFor();
    await page.getByRole('button', { name: `Theo dõi ${earlier.code} thay vì gửi mới` }).click();
    await page.getByText(`Bạn đang theo dõi ${earlier.code}`).waitFor();
    // the citizen sends their own report anyway, in the category they pick
    await page.getByLabel('Loại vấn đề').selectOption('road_damage');
    await screenshot(page, 'citizen-23-report-details');
    await expectNoSeriousViolations(page, 'step 3');

    // step 4: review and send
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await stepHeading(page, 'Bước 4/4: Xem lại và gửi').waitFor();
    await page.getByText(description).waitFor();
    await page.getByText('Phường Phú Xuân').waitFor();
    await screenshot(page, 'citizen-24-report-review');
    await expectNoSeriousViolations(page, 'step 4');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();
    const code = await page.locator('.case-code').textContent();
    await screenshot(page, 'citizen-25-report-sent');
    await expectNoSeriousViolations(page, 'sent');

    const [sent, ...others] = await casesWith(description);
    expect(others).toEqual([]);
    expect(sent).toMatchObject({ code, channel: 'web', media: 1 });
    expect(sent?.lat).toBeCloseTo(CITADEL.latitude, 5);
    expect(sent?.lon).toBeCloseTo(CITADEL.longitude, 5);
    const { rows: followers } = await server.db.query(
      `SELECT f.reason FROM case_followers f JOIN cases c ON c.id = f.case_id WHERE c.code = $1`,
      [earlier.code],
    );
    expect(followers.map((f) => f.reason).sort()).toEqual(['reporter', 'supporter']);
    expect(await page.getByRole('link', { name: 'Theo dõi phản ánh' }).getAttribute('href')).toBe(
      `/reports/${sent?.id}`,
    );
    expect(await outboxSize(page)).toBe(0);
    await context.close();
  });

  it('records an audio note in the page, plays it back, and sends it with the report', async () => {
    // a browser with a fake microphone (a tone), allowed without asking
    const withMicrophone = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const context = await phoneContext(withMicrophone, server);
      await context.grantPermissions(['geolocation', 'microphone']);
      const page = await openReportPage(context, '0905200006');
      await page.getByRole('button', { name: 'Ghi âm' }).click();
      await page.getByRole('status').filter({ hasText: 'Đang ghi âm' }).waitFor();
      await page.getByText('0:01 / 3:00').waitFor();
      await screenshot(page, 'citizen-29-report-recording');
      await expectNoSeriousViolations(page, 'recording');
      await page.getByRole('button', { name: 'Dừng ghi âm' }).click();
      const recording = page.getByLabel('Ghi âm 1', { exact: true });
      await recording.waitFor();
      expect(await recording.evaluate((element) => element.tagName)).toBe('AUDIO');
      await page.getByRole('button', { name: 'Xóa ghi âm 1' }).waitFor();

      await page.getByRole('button', { name: 'Tiếp' }).click();
      await pinByGps(page, 'Phường Phú Xuân');
      await page.getByRole('button', { name: 'Tiếp' }).click();
      const description = `Tiếng ồn lớn từ công trình lúc nửa đêm (${Date.now()})`;
      await page.getByLabel('Mô tả vấn đề').fill(description);
      await page.getByRole('button', { name: 'Tiếp' }).click();
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();
      const [sent] = await casesWith(description);
      const { rows } = await server.db.query<{ kind: string }>(
        'SELECT m.kind FROM case_media cm JOIN media m ON m.id = cm.media_id WHERE cm.case_id = $1',
        [sent?.id],
      );
      expect(rows.map((row) => row.kind)).toEqual(['audio']);
      await context.close();
    } finally {
      await withMicrophone.close();
    }
  });

  it('says in words what is missing, and a place outside the city, before going on', async () => {
    const context = await phoneContext(browser, server);
    const page = await openReportPage(context, '0905200002');

    // the recorder answers in words when it cannot record (no microphone in this browser)
    await page.getByRole('button', { name: 'Ghi âm' }).click();
    const recorderProblem = page.getByRole('alert').filter({ hasText: /micro|ghi âm/i });
    await recorderProblem.waitFor();
    await page.getByRole('button', { name: 'Đóng' }).click();

    await page.getByRole('button', { name: 'Tiếp' }).click();
    await stepHeading(page, 'Bước 2/4: Vị trí').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hãy chọn vị trí' }).waitFor();

    await context.setGeolocation(HANOI);
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
    await page.getByText('Vị trí này nằm ngoài thành phố.').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('alert').filter({ hasText: 'chỉ nhận phản ánh trong địa bàn thành phố' }).waitFor();
    await stepHeading(page, 'Bước 2/4: Vị trí').waitFor();
    await screenshot(page, 'citizen-26-report-outside-city');
    await expectNoSeriousViolations(page, 'outside the city');

    await context.setGeolocation(CITADEL);
    await pinByGps(page, 'Phường Phú Xuân');
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hãy mô tả vấn đề' }).waitFor();
    expect(await page.getByLabel('Mô tả vấn đề').getAttribute('aria-invalid')).toBe('true');
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();

    // what is written is kept on the device: a reload brings it back, at the same step
    await page.getByLabel('Mô tả vấn đề').fill('Cống thoát nước bị tắc');
    await expect.poll(() => savedDrafts(page)).toEqual(['Cống thoát nước bị tắc']);
    await page.reload();
    await page.getByText('Đã khôi phục phản ánh bạn đang viết dở').waitFor();
    await stepHeading(page, 'Bước 3/4: Mô tả').waitFor();
    expect(await page.getByLabel('Mô tả vấn đề').inputValue()).toBe('Cống thoát nước bị tắc');
    await page.getByRole('button', { name: 'Bỏ bản nháp, viết lại từ đầu' }).click();
    await stepHeading(page, 'Bước 1/4: Ảnh, video, ghi âm').waitFor();
    await context.close();
  });

  it('keeps a report written offline as waiting to send, and sends it once when back online', async () => {
    const context = await phoneContext(browser, server);
    const page = await openReportPage(context, '0905200003');
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.getByText('Bạn đang ngoại tuyến').waitFor();

    await page
      .getByLabel('Chọn ảnh từ thư viện')
      .setInputFiles({ name: 'den.jpg', mimeType: 'image/jpeg', buffer: await photo('#222222') });
    await page.getByRole('img', { name: 'Ảnh 1' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
    await page.getByText('Chưa kiểm tra được phường, xã').waitFor();
    await page.getByRole('region', { name: 'Bản đồ chọn vị trí phản ánh' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    const description = `Đèn đường trước số 5 Lê Lợi không sáng đã ba đêm (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);
    await page.getByText('Cần có mạng để gợi ý loại vấn đề').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

    await page.getByRole('heading', { name: 'Đã lưu, sẽ gửi khi có mạng' }).waitFor();
    const waiting = page.locator('.outbox-item').filter({ hasText: description.slice(0, 40) });
    await waiting.getByText('Chờ gửi').waitFor();
    await screenshot(page, 'citizen-27-report-offline-waiting');
    await expectNoSeriousViolations(page, 'waiting to send');
    expect(await casesWith(description)).toEqual([]);
    expect(await outboxSize(page)).toBe(1);

    await context.setOffline(false);
    await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();
    await waiting.waitFor({ state: 'detached' });
    expect(await casesWith(description)).toHaveLength(1);
    expect((await casesWith(description))[0]?.media).toBe(1);
    expect(await outboxSize(page)).toBe(0);

    // a reload starts the sender again: there is nothing left to send twice
    await page.reload();
    await stepHeading(page, 'Bước 1/4: Ảnh, video, ghi âm').waitFor();
    expect(await page.locator('.outbox-item').count()).toBe(0);
    expect(await outboxSize(page)).toBe(0);
    expect(await casesWith(description)).toHaveLength(1);
    await context.close();
  });

  it('sends once when the first answer is lost on the way back (same Idempotency-Key)', async () => {
    const context = await phoneContext(browser, server);
    const page = await openReportPage(context, '0905200004');
    const keys: string[] = [];
    let lose = true;
    await page.route('**/api/v1/reports', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (!lose) return route.continue();
      lose = false;
      await route.fetch(); // the server makes the case...
      await route.abort('connectionreset'); // ...and the phone never hears of it
    });

    await page.getByRole('button', { name: 'Tiếp' }).click();
    await pinByGps(page, 'Phường Phú Xuân');
    await page.getByRole('button', { name: 'Tiếp' }).click();
    const description = `Cây đổ chắn ngang đường Lê Duẩn sau cơn mưa (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

    await page.getByRole('heading', { name: 'Chưa gửi được, đã lưu trên máy' }).waitFor();
    expect(await casesWith(description)).toHaveLength(1); // made, though the page does not know
    await page.getByRole('button', { name: 'Thử gửi lại ngay' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();

    const made = await casesWith(description);
    expect(made).toHaveLength(1);
    expect(await page.locator('.case-code').textContent()).toBe(made[0]?.code);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await context.close();
  });

  it('brings a report the server refuses back to the step that can fix it, in words', async () => {
    const context = await phoneContext(browser, server);
    const page = await openReportPage(context, '0905200005');
    await waitForServiceWorker(page);
    await context.setOffline(true);

    // offline the ward cannot be checked, so a place outside the city gets through the page
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await context.setGeolocation(HANOI);
    await page.getByRole('button', { name: 'Dùng vị trí hiện tại' }).click();
    await page.getByText('Chưa kiểm tra được phường, xã').waitFor();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    const description = `Rác thải đổ trộm bên bờ sông (${Date.now()})`;
    await page.getByLabel('Mô tả vấn đề').fill(description);
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã lưu, sẽ gửi khi có mạng' }).waitFor();

    await context.setOffline(false);
    await stepHeading(page, 'Bước 2/4: Vị trí').waitFor();
    await page.getByRole('alert').filter({ hasText: 'Chưa gửi được: Vị trí này nằm ngoài thành phố' }).waitFor();
    await screenshot(page, 'citizen-28-report-refused');
    await expectNoSeriousViolations(page, 'refused');
    expect(await casesWith(description)).toEqual([]);

    await context.setGeolocation(CITADEL);
    await pinByGps(page, 'Phường Phú Xuân');
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Tiếp' }).click();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.getByRole('heading', { name: 'Đã gửi phản ánh' }).waitFor();
    expect(await casesWith(description)).toHaveLength(1);
    expect(await outboxSize(page)).toBe(0); // the refused one was settled by the corrected one
    await context.close();
  });
});
