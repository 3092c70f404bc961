// The public map on a phone, with no tile server reachable: reports clustered with the right
// counts, filters that narrow them (and refuse a backwards date range), the list that shows
// the same reports, clusters that expand, a report's card and its public page without the
// reporter's phone number, and the ward boundaries.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUser,
  type Browser,
  CITADEL,
  callApi,
  cspViolations,
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
let reporter: { phone: string | null };

/** Three reports at the Citadel, two about 3 km to the south-east; two categories of road damage. */
const REPORTS = [
  {
    key: 'gate',
    lat: CITADEL.latitude,
    lon: CITADEL.longitude,
    category: 'road_damage',
    description: 'Ổ gà lớn trước cửa Ngọ Môn, cần hỏi thêm gọi tôi 0905 123 456',
  },
  { key: 'flag', lat: 16.4703, lon: 107.5792, category: 'road_damage', description: 'Mặt đường bong tróc gần Kỳ Đài' },
  { key: 'wall', lat: 16.4692, lon: 107.578, category: 'waste', description: 'Rác chất đống dưới chân tường thành' },
  { key: 'light', lat: 16.456, lon: 107.6, category: 'streetlight', description: 'Đèn đường không sáng cả tuần nay' },
  { key: 'bins', lat: 16.4578, lon: 107.6012, category: 'waste', description: 'Thùng rác công cộng tràn ra đường' },
  // two at the very same spot by the sea, far from the first view: no zoom separates them
  { key: 'tree1', lat: 16.53605, lon: 107.672, category: 'trees_parks', description: 'Cây đổ chắn lối xuống biển' },
  { key: 'tree2', lat: 16.53605, lon: 107.672, category: 'trees_parks', description: 'Cành cây gãy treo trên lối đi' },
] as const;
type ReportKey = (typeof REPORTS)[number]['key'];
/** More reports around Phú Bài, out of every view above: enough for the list to need a second page. */
const FLOODS = 21;
const codes = {} as Record<ReportKey, string>;
let roadDamageName = '';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  const citizen = await apiUser(server, 'citizen');
  reporter = citizen;
  for (const { key, ...report } of REPORTS) {
    if (key === 'gate') {
      // with a photo, sent as the app sends it (multipart)
      const form = new FormData();
      for (const [name, value] of Object.entries(report)) form.append(name, String(value));
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a33' } })
        .jpeg()
        .toBuffer();
      form.append('files', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'pothole.jpg');
      const response = await fetch(`${server.baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: citizen.auth,
        body: form,
      });
      expect(response.status).toBe(201);
      codes[key] = ((await response.json()) as { code: string }).code;
      continue;
    }
    const made = await callApi<{ code: string }>(server, citizen, 'POST', '/reports', report);
    codes[key] = made.code;
  }
  for (let i = 0; i < FLOODS; i += 1) {
    await callApi(server, citizen, 'POST', '/reports', {
      lat: 16.318 + i * 0.0005,
      lon: 107.653,
      category: 'drainage_flooding',
      description: `Ngập nước sau mưa, điểm số ${i + 1}`,
    });
  }
  const categories = await (await fetch(`${server.baseUrl}/api/v1/categories`)).json();
  roadDamageName = (categories as { items: { code: string; name_vi: string }[] }).items.find(
    (category) => category.code === 'road_damage',
  )?.name_vi as string;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The marks on the map and how many reports they stand for (a bubble says its count). */
async function marks(page: Page): Promise<{ clusters: number; reports: number; total: number }> {
  const labels = await page
    .locator('.leaflet-marker-pane [role=button]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
  let clusters = 0;
  let total = 0;
  for (const label of labels) {
    const group = /^Nhóm (\d+) phản ánh/.exec(label);
    if (group) clusters += 1;
    total += group ? Number(group[1]) : 1;
  }
  return { clusters, reports: labels.length - clusters, total };
}

async function openMap(page: Page, path = '/map'): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Bản đồ phản ánh' }).waitFor();
}

const zoomInUrl = (page: Page) => Number(new URL(page.url()).searchParams.get('at')?.split(',')[2]);

describe('the public map', () => {
  it('clusters the reports of the view with the right total, without any tiles', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await openMap(page);
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    expect(await marks(page)).toEqual({ clusters: 2, reports: 0, total: 5 });
    // the tile server is unreachable: the map says so and still draws the reports
    await page.getByText('Không tải được nền bản đồ').waitFor();
    await screenshot(page, 'citizen-30-map');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('narrows the reports by category, and refuses a backwards date range without asking the server', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/public/reports')) asked.push(request.url());
    });
    await openMap(page);
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    await page.getByText('Bộ lọc', { exact: true }).click();
    await page.getByLabel('Lĩnh vực').selectOption('road_damage');
    await page.getByText('2 phản ánh trong vùng bản đồ').waitFor();
    expect((await marks(page)).total).toBe(2);
    expect(new URL(page.url()).searchParams.get('category')).toBe('road_damage');
    await screenshot(page, 'citizen-31-map-filtered');

    const before = asked.length;
    await page.getByLabel('Từ ngày').fill('2030-02-01');
    await page.getByLabel('Đến ngày').fill('2030-01-01');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Ngày kết thúc phải sau');
    await page.getByText('Hãy sửa khoảng ngày trong bộ lọc').first().waitFor();
    expect(await page.getByLabel('Đến ngày').getAttribute('aria-invalid')).toBe('true');
    expect((await marks(page)).total).toBe(0);
    expect(asked.slice(before).filter((url) => url.includes('from=') && url.includes('to='))).toEqual([]);

    // the same day on both ends is a valid range: today's reports are all there
    const today = new Date().toLocaleDateString('en-CA'); // YYYY-MM-DD, in the browser's zone as well
    await page.getByLabel('Từ ngày').fill(today);
    await page.getByLabel('Đến ngày').fill(today);
    await page.getByText('2 phản ánh trong vùng bản đồ').waitFor();
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    await context.close();
  });

  it('offers the same reports as a list, with the same filters, that passes an accessibility scan', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await openMap(page);
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    await page.getByRole('button', { name: 'Danh sách' }).click();
    const links = page.getByRole('link', { name: /^Xem chi tiết phản ánh/ });
    await page.getByText('Có 5 phản ánh').waitFor();
    const listed = await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    const firstView = [codes.gate, codes.flag, codes.wall, codes.light, codes.bins];
    expect(listed.sort()).toEqual(firstView.map((code) => `/cases/${code}`).sort());
    expect(await page.getByRole('button', { name: 'Danh sách' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'citizen-32-map-list');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // a shared link with a filter opens the list already narrowed
    await openMap(page, '/map?view=list&category=road_damage');
    await page.getByText('Có 2 phản ánh').waitFor();
    const narrowed = await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(narrowed.sort()).toEqual([`/cases/${codes.gate}`, `/cases/${codes.flag}`].sort());
    await context.close();
  });

  it('pages the list of the whole city, newest first, from the keyboard', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    const all = REPORTS.length + FLOODS;
    await openMap(page, '/map?view=list');
    await page.getByText('Đang hiện 20 phản ánh mới nhất; còn nữa').waitFor();
    const links = page.getByRole('link', { name: /^Xem chi tiết phản ánh/ });
    expect(await links.count()).toBe(20);
    await page.getByRole('button', { name: 'Xem thêm phản ánh' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Có ${all} phản ánh`).waitFor();
    const hrefs = await links.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(all);
    // newest first: the last report made leads, the first made closes the list
    expect(hrefs.at(-1)).toBe(`/cases/${codes.gate}`);
    expect(await page.getByRole('button', { name: 'Xem thêm phản ánh' }).count()).toBe(0);
    await context.close();
  });

  it('expands a tapped cluster, opens a report card, and its public page shows no phone number', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await openMap(page);
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    const gate = page.getByRole('button', { name: new RegExp(`^${codes.gate}`) });
    const citadelGroup = page.getByRole('button', { name: 'Nhóm 3 phản ánh, chọn để phóng to' });
    const startZoom = zoomInUrl(page);
    await citadelGroup.tap();
    await page.waitForURL((url) => Number(url.searchParams.get('at')?.split(',')[2]) > startZoom);
    await citadelGroup.waitFor({ state: 'detached' });
    // the group splits: smaller groups are tapped in turn until the gate's report stands alone
    for (let taps = 0; taps < 5 && !(await gate.isVisible()); taps += 1) {
      const zoom = zoomInUrl(page);
      await page
        .getByRole('button', { name: /^Nhóm \d+ phản ánh/ })
        .first()
        .tap();
      await page.waitForURL((url) => Number(url.searchParams.get('at')?.split(',')[2]) > zoom);
    }
    await gate.tap();
    const card = page.getByRole('region', { name: `Phản ánh ${codes.gate}` });
    await card.getByText(roadDamageName).first().waitFor();
    expect(await card.locator('.chip').count()).toBe(1);
    await card.getByRole('img', { name: `Ảnh của phản ánh ${codes.gate}` }).waitFor();
    await screenshot(page, 'citizen-33-map-card');

    await card.getByRole('link', { name: /^Xem chi tiết/ }).tap();
    await page.waitForURL(`**/cases/${codes.gate}`);
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${codes.gate}` }).waitFor();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    await page.locator('main').getByText(roadDamageName).first().waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Ổ gà lớn trước cửa Ngọ Môn');
    expect(text).toContain('[phone]');
    expect(text).not.toMatch(/0905\s?123\s?456/);
    // nor anywhere in the page: neither the number in the text nor the reporter's own, nor a name
    const html = await page.content();
    const own = reporter.phone as string;
    for (const secret of ['0905 123 456', '0905123456', own, `0${own.slice(3)}`, 'Test citizen']) {
      expect(html).not.toContain(secret);
    }
    expect(text).toContain('Phường Phú Xuân');
    expect(text).toContain(roadDamageName);
    const picture = page.getByRole('img', { name: `Ảnh 1/1 của phản ánh ${codes.gate}` });
    await expect
      .poll(() => picture.evaluate((image) => (image as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page, 'citizen-34-public-case');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: `Report ${codes.gate}` }).waitFor();
    await page.getByRole('heading', { name: 'What has been done' }).waitFor();
    await page.getByRole('img', { name: `Photo 1 of 1 of report ${codes.gate}` }).waitFor();
    await context.close();
  });

  it('works from the keyboard: a focused group expands with Enter, a report opens with Enter and closes with Escape', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await openMap(page);
    await page.getByText('5 phản ánh trong vùng bản đồ').waitFor();
    const startZoom = zoomInUrl(page);
    await page.getByRole('button', { name: 'Nhóm 2 phản ánh, chọn để phóng to' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => Number(url.searchParams.get('at')?.split(',')[2]) > startZoom);
    const light = page.getByRole('button', { name: new RegExp(`^${codes.light}`) });
    for (let presses = 0; presses < 5 && !(await light.isVisible()); presses += 1) {
      const zoom = zoomInUrl(page);
      await page
        .getByRole('button', { name: /^Nhóm \d+ phản ánh/ })
        .first()
        .focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => Number(url.searchParams.get('at')?.split(',')[2]) > zoom);
    }
    await light.focus();
    await page.keyboard.press('Enter');
    const card = page.getByRole('region', { name: `Phản ánh ${codes.light}` });
    await card.waitFor();
    expect(await card.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await light.evaluate((node) => node === node.ownerDocument.activeElement)).toBe(true);
    await context.close();
  });

  it('offers reports at the very same spot as a list in the card', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await openMap(page, '/map?at=16.53605,107.67200,19');
    await page.getByText('2 phản ánh trong vùng bản đồ').waitFor();
    const zoom = zoomInUrl(page);
    await page.getByRole('button', { name: 'Nhóm 2 phản ánh, chọn để phóng to' }).tap();
    const card = page.getByRole('region', { name: '2 phản ánh tại cùng một vị trí' });
    await card.waitFor();
    const links = await card
      .getByRole('link', { name: /^Xem chi tiết/ })
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
    expect(links.sort()).toEqual([`/cases/${codes.tree1}`, `/cases/${codes.tree2}`].sort());
    expect(zoomInUrl(page)).toBe(zoom);
    await context.close();
  });

  it('draws the ward boundaries on first load, hides them on request, and names a ward when tapped', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    const areas = (await (await fetch(`${server.baseUrl}/api/v1/areas`)).json()) as {
      items: { code: string; parent_code: string | null }[];
    };
    const parents = new Set(areas.items.map((area) => area.parent_code));
    const wards = areas.items.filter((area) => !parents.has(area.code)).length;
    // a name written as markup is shown as the text it is
    const markup = 'Phường <b>Phú</b> Xuân<img src=x>';
    await server.db.query('UPDATE areas SET name_vi = $1 WHERE name_vi = $2', [markup, 'Phường Phú Xuân']);
    // inside Phường Phú Xuân, north of the Citadel's reports
    await openMap(page, '/map?at=16.48000,107.57600,14');
    await page.getByText(/phản ánh trong vùng bản đồ|Không có phản ánh/).waitFor();
    const boundaries = page.locator('.leaflet-overlay-pane path.pm-ward');
    const toggle = page.getByLabel('Hiện ranh giới phường/xã');
    // drawn without touching the switch
    await expect.poll(() => boundaries.count()).toBe(wards);
    expect(await toggle.isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('wards')).toBeNull();
    await toggle.uncheck();
    await expect.poll(() => boundaries.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('wards')).toBe('0');
    await toggle.check();
    await expect.poll(() => boundaries.count()).toBe(wards);
    expect(new URL(page.url()).searchParams.get('wards')).toBeNull();
    const map = await page.locator('.pm-leaflet').boundingBox();
    if (!map) throw new Error('the map is not on the page');
    await page.touchscreen.tap(map.x + map.width / 2, map.y + map.height / 2);
    await expect.poll(() => page.locator('.leaflet-tooltip').textContent()).toBe(markup);
    expect(await page.locator('.leaflet-tooltip b, .leaflet-tooltip img').count()).toBe(0);
    await server.db.query('UPDATE areas SET name_vi = $1 WHERE name_vi = $2', ['Phường Phú Xuân', markup]);
    await screenshot(page, 'citizen-35-map-boundaries');
    await context.close();
  });

  it('lets another citizen say they have the same problem, once, from the public page', async () => {
    const context = await phoneContext(browser, server);
    const page = await context.newPage();
    await page.goto(`/cases/${codes.light}`);
    await page.getByRole('link', { name: 'Đăng nhập để theo dõi phản ánh này' }).click();
    await signInCitizen(page, server, '0905777888');
    await page.goto(`/cases/${codes.light}`);
    await page.getByRole('button', { name: 'Tôi cũng gặp vấn đề này' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận' }).textContent()).resolves.toContain('1');
    const after = await callApi<{ supporter_count: number }>(
      server,
      await apiUser(server, 'operator'),
      'GET',
      `/public/reports/${codes.light}`,
    );
    expect(after.supporter_count).toBe(1); // people beside the reporter
    await page.reload();
    await page.getByRole('button', { name: 'Tôi cũng gặp vấn đề này' }).click();
    await page.getByRole('status').filter({ hasText: 'đã theo dõi' }).waitFor(); // the second time changes nothing
    await context.close();
  });

  it('ran every screen above under its Content-Security-Policy with nothing blocked', () => {
    expect(cspViolations).toEqual([]);
  });
});
