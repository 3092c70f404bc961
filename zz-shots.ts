import { chromium } from 'playwright-core';
const base = 'http://localhost:3111';
const out = '/tmp/demo-measure/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
// public map, as a phone
{
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'vi-VN', deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(`${base}/map`);
  await wait(6000);
  await page.screenshot({ path: `${out}/public-map.png` });
  await page.goto(`${base}/transparency`);
  await wait(6000);
  await page.screenshot({ path: `${out}/transparency.png`, fullPage: true });
  await ctx.close();
}
async function staff(email: string, shots: [string, string][]) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN' });
  const r = await ctx.request.post(`${base}/api/v1/auth/password`, { data: { email, password: 'citypulse-demo' } });
  if (!r.ok()) throw new Error(await r.text());
  const page = await ctx.newPage();
  for (const [path, name] of shots) {
    await page.goto(`${base}${path}`);
    await wait(6000);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: name.includes('dashboard') });
  }
  await ctx.close();
}
await staff('ioc@citypulse.example', [['/staff', 'queue'], ['/staff/map', 'queue-map'], ['/staff/dashboard', 'dashboard']]);
await staff('hepco@citypulse.example', [['/staff/agency', 'agency-hepco']]);
await staff('ward-19753@citypulse.example', [['/staff/agency', 'agency-ward']]);
await browser.close();
