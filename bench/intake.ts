// Intake benchmark (issue 3): JSON reports at 64 concurrent connections against the real
// PostgreSQL, beside a bare baseline endpoint measured in the same run; then uploads
// of growing size, with the server's peak memory.
//   npm run bench -- intake          (BENCH_DATABASE_URL, default the local server's test database)
import sharp from 'sharp';
import { isoMedia } from '../src/modules/media/test-fixtures.js';
import { autocannon, type LoadResult, runCommand, startChild, withBenchDatabase, writeResult } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 5;
const CONNECTIONS = 64;

const body = JSON.stringify({
  description: 'Rác thải đổ bừa bãi trước chợ Đông Ba, bốc mùi',
  lat: 16.4698,
  lon: 107.5786,
  address: '2 Trần Hưng Đạo',
});

/** The round with the median rate. */
const median = (rounds: LoadResult[]) =>
  [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(rounds.length / 2)] as LoadResult;

async function photo(megabytes: number): Promise<Buffer> {
  // noise does not compress: the side is chosen so the JPEG weighs about what was asked
  const side = Math.round(Math.sqrt((megabytes * 1024 * 1024) / 0.75));
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function serverRss(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? 0);
}

/** A video the server stores without decoding: what streaming alone costs in memory. */
function video(megabytes: number): Buffer {
  const payload = Buffer.alloc(Math.round(megabytes * 1024 * 1024), 7);
  return isoMedia('isom', payload);
}

async function uploads(
  base: string,
  token: string,
  file: { bytes: Buffer; type: string; name: string },
  count: number,
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(JSON.parse(body))) form.set(key, String(value));
  form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://bench/', { method: 'POST', body: form });
  const payload = Buffer.from(await request.arrayBuffer());
  const contentType = request.headers.get('content-type') as string;
  let peak = await serverRss(base);
  const sampler = setInterval(async () => {
    peak = Math.max(peak, await serverRss(base).catch(() => 0));
  }, 50);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: payload,
    });
    if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return {
    file: file.name,
    megabytes: file.bytes.length / 1024 / 1024,
    mbPerSecond: (file.bytes.length * count) / 1024 / 1024 / seconds,
    peakRssMb: peak / 1024 / 1024,
  };
}

await withBenchDatabase('intake', async (url) => {
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: `/tmp/citypulse-bench-${Date.now()}`,
    // one token sends thousands of reports: the limits a city sets on citizens are off here
    REPORTS_PER_ACCOUNT: '0',
    REPORTS_PER_IP: '0',
    UPLOAD_QUOTA_MB_PER_DAY: '0',
    DEMO_DATA: 'off', // nothing else writing while intake is measured
  };
  const server = await startChild('src/main.ts', env, /running on http:\/\/localhost:(\d+)/);
  const baseline = await startChild('bench/baseline-server.ts', { DATABASE_URL: url }, /baseline listening on (\d+)/);
  try {
    const token = (
      await runCommand(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'token', '--user', '0900000001'], env)
    ).trim();
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const load = (target: string, seconds = SECONDS) =>
      autocannon({ url: target, connections: CONNECTIONS, seconds, method: 'POST', headers, body });
    const baselineUrl = `http://127.0.0.1:${baseline.port}/baseline`;
    const intakeUrl = `${base}/api/v1/reports`;
    await load(baselineUrl, 3); // warm-up both
    await load(intakeUrl, 3);
    // The machine is shared and noisy: alternate the two, five rounds of each, and keep the median.
    const baselineRounds: LoadResult[] = [];
    const intakeRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baselineRounds.push(await load(baselineUrl));
      intakeRounds.push(await load(intakeUrl));
    }
    const baselineResult = median(baselineRounds);
    const intakeResult = median(intakeRounds);
    // The ratio of each round to the baseline round just before it, then their median: the
    // machine's speed drifts between rounds, much less within one pair.
    const pairRatios = intakeRounds.map(
      (round, i) => round.requestsPerSecond / (baselineRounds[i] as LoadResult).requestsPerSecond,
    );
    const ratio = [...pairRatios].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number;
    const p99Ratios = intakeRounds.map((round, i) => round.p99 / (baselineRounds[i] as LoadResult).p99);
    const p99Ratio = [...p99Ratios].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number;
    const photos = [];
    // streaming first (video, not decoded), then photos (decoded for the public copy)
    for (const size of [5, 50])
      photos.push(await uploads(base, token, { bytes: video(size), type: 'video/mp4', name: 'clip.mp4' }, 4));
    for (const size of [1, 5, 15]) {
      photos.push(await uploads(base, token, { bytes: await photo(size), type: 'image/jpeg', name: 'photo.jpg' }, 8));
    }

    const table = [
      `Intake benchmark, ${new Date().toISOString()}: ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s, median round of each, PostgreSQL server`,
      '',
      '| endpoint | requests/s | p50 ms | p99 ms | non-2xx |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| baseline (validate + 1 INSERT) | ${baselineResult.requestsPerSecond.toFixed(0)} | ${baselineResult.p50} | ${baselineResult.p99} | ${baselineResult.non2xx} |`,
      `| POST /api/v1/reports | ${intakeResult.requestsPerSecond.toFixed(0)} | ${intakeResult.p50} | ${intakeResult.p99} | ${intakeResult.non2xx} |`,
      '',
      `intake / baseline, median of the ${ROUNDS} round pairs: ${ratio.toFixed(2)} of the rate (pairs: ${pairRatios.map((r) => r.toFixed(2)).join(', ')}); p99 ${p99Ratio.toFixed(2)} x the baseline's`,
      '',
      '| upload (one after another) | MB/s | server peak RSS MB |',
      '| --- | ---: | ---: |',
      ...photos.map(
        (p) => `| ${p.file}, ${p.megabytes.toFixed(1)} MB | ${p.mbPerSecond.toFixed(1)} | ${p.peakRssMb.toFixed(0)} |`,
      ),
    ].join('\n');
    writeResult(
      'intake',
      {
        baseline: baselineResult,
        intake: intakeResult,
        ratio,
        pairRatios,
        p99Ratio,
        baselineRounds,
        intakeRounds,
        photos,
      },
      table,
    );
  } finally {
    await server.stop();
    await baseline.stop();
  }
});
