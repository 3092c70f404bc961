// Decompression bombs (issue 18, point 5): the server's peak memory with 8 hostile photo
// uploads in flight at once, beside 8 ordinary phone photos in the same run.
//   npm run bench -- upload-bombs        (BENCH_DATABASE_URL, default the local server's test database)
// Three rounds of 8 concurrent reports with one photo each, through POST /api/v1/reports:
//   ordinary  a 12 MP phone-like photo (baseline JPEG, ~2-4 MB)
//   bomb      a 10000 x 10000 progressive JPEG (~0.3-0.6 MB): 100 MP, refused from its header
//   largest   a 7000 x 7000 progressive JPEG without chroma subsampling: 49 MP, the costliest
//             picture the default MEDIA_MAX_PIXELS lets through
// The server's peak RSS in each round is the kernel's high-water mark (VmHWM in /proc), reset
// before each round (clear_refs), so nothing between samples is missed.
import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { MAX_CONCURRENT_DECODES, MAX_IMAGE_PIXELS } from '../src/modules/media/images.js';
import { runCommand, startChild, withBenchDatabase, writeResult } from './lib.js';

const IN_FLIGHT = 8;
const MB = 1024 * 1024;

interface Round {
  round: string;
  file: string;
  fileMb: number;
  pixels: number;
  statuses: Record<string, number>;
  seconds: number;
  peakRssMb: number;
}

/** Camera-like content: a gradient with a little noise, which JPEG compresses as it does photos. */
async function ordinaryPhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .raw()
    .toBuffer();
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2a6f97"/><stop offset="1" stop-color="#e9c46a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
  );
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .composite([{ input: gradient, blend: 'overlay' }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * A large flat picture as a progressive JPEG: tiny on the wire, yet every DCT coefficient of
 * it is held in memory to decode it (full-resolution colour: the most there is to hold).
 */
function progressiveJpeg(side: number): Promise<Buffer> {
  return sharp({ create: { width: side, height: side, channels: 3, background: '#6b8e23' } })
    .jpeg({ progressive: true, quality: 90, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** Resets the process's peak RSS to its current RSS (Linux 4.0+). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function reportBody(photo: Buffer, name: string): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  form.set('description', 'Ổ gà lớn trên đường Lê Lợi, ảnh đính kèm');
  form.set('lat', '16.4698');
  form.set('lon', '107.5786');
  form.append('files', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), name);
  const request = new Request('http://bench/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') as string };
}

async function round(
  base: string,
  pid: number,
  token: string,
  label: string,
  file: { bytes: Buffer; name: string; pixels: number },
  inFlight = IN_FLIGHT,
): Promise<Round> {
  const { body, contentType } = await reportBody(file.bytes, file.name);
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the last round's garbage settle
  resetPeak(pid);
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: inFlight }, async () => {
      const response = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
      });
      const answer = (await response.json()) as { error?: { code: string } };
      return answer.error ? `${response.status} ${answer.error.code}` : String(response.status);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const counted: Record<string, number> = {};
  for (const status of statuses) counted[status] = (counted[status] ?? 0) + 1;
  return {
    round: label,
    file: file.name,
    fileMb: file.bytes.length / MB,
    pixels: file.pixels,
    statuses: counted,
    seconds,
    peakRssMb: procStatus(pid, 'VmHWM') / MB,
  };
}

await withBenchDatabase('upload_bombs', async (url) => {
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: `/tmp/citypulse-bench-bombs-${Date.now()}`,
  };
  const photos = {
    ordinary: { bytes: await ordinaryPhoto(), name: 'phone-12mp.jpg', pixels: 4000 * 3000 },
    bomb: { bytes: await progressiveJpeg(10_000), name: 'bomb-100mp-progressive.jpg', pixels: 10_000 ** 2 },
    largest: { bytes: await progressiveJpeg(7_000), name: 'largest-49mp-progressive.jpg', pixels: 7_000 ** 2 },
  };
  const server = await startChild('src/main.ts', env, /running on http:\/\/localhost:(\d+)/);
  try {
    const pid = server.process.pid as number;
    const token = (
      await runCommand(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'token', '--user', '0900000001'], env)
    ).trim();
    const base = `http://127.0.0.1:${server.port}`;
    // one ordinary report first: the code paths, sharp and the pool are warm in every round
    await round(base, pid, token, 'warm-up', { ...photos.ordinary, name: 'warm-up.jpg' }, 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleMb = procStatus(pid, 'VmRSS') / MB;
    const rounds = [
      await round(base, pid, token, 'ordinary', photos.ordinary),
      await round(base, pid, token, 'bomb', photos.bomb),
      await round(base, pid, token, 'largest', photos.largest),
    ];
    // What 8 uploads in flight cost besides decoding (buffers, spool, PostgreSQL, triage) is the
    // ordinary round's peak, measured in this run. A progressive JPEG is decoded with all its
    // DCT coefficients in memory: 2 bytes each, 3 full-resolution components at most, so
    // 6 bytes a pixel; then the picture shrunk on load to half its side (0.75 byte a pixel of
    // the original) and the 2048 px copy: under 7 bytes a pixel in all. One decode per core
    // at once, each at most MEDIA_MAX_PIXELS.
    const ordinary = rounds[0] as Round;
    const perDecodeMb = (7 * MAX_IMAGE_PIXELS) / MB;
    const boundMb = ordinary.peakRssMb + MAX_CONCURRENT_DECODES * perDecodeMb;
    const table = [
      `Upload bombs, ${new Date().toISOString()}: ${IN_FLIGHT} reports with one photo each in flight at once, POST /api/v1/reports, PostgreSQL server`,
      '',
      `Server RSS when idle: ${idleMb.toFixed(0)} MB. Stated bound: the ordinary round's peak ${ordinary.peakRssMb.toFixed(0)} MB + ${MAX_CONCURRENT_DECODES} decodes at once (one per core) x 7 bytes a pixel x ${MAX_IMAGE_PIXELS / 1e6} MP (MEDIA_MAX_PIXELS) = ${boundMb.toFixed(0)} MB`,
      '',
      '| round | photo | MB | megapixels | answers | seconds | server peak RSS MB | vs ordinary | under the bound |',
      '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | --- |',
      ...rounds.map(
        (r) =>
          `| ${r.round} | ${r.file} | ${r.fileMb.toFixed(2)} | ${(r.pixels / 1e6).toFixed(0)} | ${Object.entries(
            r.statuses,
          )
            .map(([status, n]) => `${n} x ${status}`)
            .join(
              ', ',
            )} | ${r.seconds.toFixed(1)} | ${r.peakRssMb.toFixed(0)} | ${(r.peakRssMb - ordinary.peakRssMb).toFixed(0)} MB | ${r.peakRssMb <= boundMb ? 'yes' : 'NO'} |`,
      ),
    ].join('\n');
    writeResult(
      'upload-bombs',
      {
        inFlight: IN_FLIGHT,
        idleMb,
        boundMb,
        decodesAtOnce: MAX_CONCURRENT_DECODES,
        maxPixels: MAX_IMAGE_PIXELS,
        rounds,
      },
      table,
    );
    if (rounds.some((r) => r.peakRssMb > boundMb)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
});
