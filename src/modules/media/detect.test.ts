// The pure parts of the media module: format detection from the first bytes, WebM tracks,
// file names, HTTP ranges and how decoder failures are named. No database needed.
import { describe, expect, it } from 'vitest';
import { detectFormat, SNIFF_BYTES, sniffBytesWanted } from './detect.js';
import { describeAcceptedFormats, MAX_BYTES, MEDIA_MULTIPART_LIMITS } from './formats.js';
import { translateSharpError } from './images.js';
import { MAX_NAME_LENGTH, sanitizeFileName } from './names.js';
import { attachment, parseRange } from './routes.js';
import { assertSafeKey, mediaKeys } from './storage/storage.js';
import * as fixtures from './test-fixtures.js';
import { webmTrackKind } from './webm.js';

describe('detecting the format from the first bytes', () => {
  it('names each accepted container with its kind and the content type it is served with', async () => {
    const cases: [Buffer, string | undefined, string, string][] = [
      [await fixtures.plainJpeg(), undefined, 'image', 'image/jpeg'],
      [await fixtures.png(), 'image/jpeg', 'image', 'image/png'],
      [await fixtures.webp(), undefined, 'image', 'image/webp'],
      [fixtures.isoMedia('isom'), undefined, 'video', 'video/mp4'],
      [fixtures.isoMedia('qt  '), undefined, 'video', 'video/quicktime'],
      [fixtures.isoMedia('M4A '), 'video/mp4', 'audio', 'audio/mp4'],
      [fixtures.mp3(), undefined, 'audio', 'audio/mpeg'],
      [fixtures.ogg('opus'), undefined, 'audio', 'audio/ogg'],
      [fixtures.webm('video'), 'audio/webm', 'video', 'video/webm'],
      [fixtures.webm('audio'), 'video/webm', 'audio', 'audio/webm'],
    ];
    for (const [bytes, declared, kind, mime] of cases) {
      expect((await detectFormat(bytes, declared)).format).toMatchObject({ kind, mime });
    }
  });

  it('lets a declared audio type narrow only what the bytes leave open, and only towards audio', async () => {
    // A generic MP4 (phones' voice recorders write them) may be audio: the audio limit is the smaller one.
    expect((await detectFormat(fixtures.isoMedia('isom'), 'audio/mp4')).format).toMatchObject({ kind: 'audio' });
    // Declaring video never turns audio bytes into video.
    expect((await detectFormat(fixtures.isoMedia('M4A '), 'video/mp4')).format).toMatchObject({ kind: 'audio' });
    expect((await detectFormat(fixtures.mp3(), 'video/mp4')).format).toMatchObject({ kind: 'audio' });
    expect((await detectFormat(Buffer.from('hello'), 'image/jpeg')).format).toBeNull();
  });

  it('reports what was seen in files it refuses', async () => {
    expect(await detectFormat(fixtures.zipArchive(), undefined)).toEqual({ format: null, detected: 'application/zip' });
    expect(await detectFormat(Buffer.from('%PDF-1.7\n'), 'image/jpeg')).toEqual({
      format: null,
      detected: 'application/pdf',
    });
    expect(await detectFormat(Buffer.alloc(0), undefined)).toEqual({ format: null, detected: undefined });
  });

  it('reads through a large ID3 tag, but not without bound', () => {
    expect(sniffBytesWanted(Buffer.from('hello world'))).toBe(SNIFF_BYTES);
    expect(sniffBytesWanted(fixtures.mp3(32))).toBe(SNIFF_BYTES);
    expect(sniffBytesWanted(fixtures.mp3(300_000))).toBe(10 + 300_000 + 4096);
    expect(sniffBytesWanted(fixtures.mp3(200_000_000 >> 4))).toBe(1024 * 1024);
  });
});

describe('WebM track list', () => {
  it('tells video from audio-only recordings, and says so when it cannot see the tracks', () => {
    expect(webmTrackKind(fixtures.webm('video'))).toBe('video');
    expect(webmTrackKind(fixtures.webm('audio'))).toBe('audio');
    expect(webmTrackKind(fixtures.webm('audio', 70_000).subarray(0, SNIFF_BYTES))).toBeNull();
    expect(webmTrackKind(fixtures.webm('audio').subarray(0, 60))).toBeNull();
    expect(webmTrackKind(Buffer.from('not ebml at all'))).toBeNull();
    expect(webmTrackKind(Buffer.alloc(100))).toBeNull();
  });
});

describe('limits', () => {
  it('are 20 MB for photos and audio, 100 MB for video, 10 files a report', () => {
    expect(MAX_BYTES).toEqual({ image: 20 * 1024 ** 2, video: 100 * 1024 ** 2, audio: 20 * 1024 ** 2 });
    expect(MEDIA_MULTIPART_LIMITS).toMatchObject({ files: 10, fileSize: 100 * 1024 ** 2 + 1 });
    expect(describeAcceptedFormats()).toBe(
      'JPEG, PNG, WebP, HEIC photos up to 20 MB; MP4, QuickTime, WebM video up to 100 MB; M4A, AAC, MP3, Ogg Vorbis, Ogg Opus audio up to 20 MB',
    );
  });
});

describe('file names', () => {
  it('drops folders, controls and direction overrides, and bounds the length by characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\fakepath\\photo.jpg')).toBe('photo.jpg');
    expect(sanitizeFileName('photo\u202egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeFileName('line\nbreak\ttab.jpg')).toBe('line break tab.jpg');
    expect(sanitizeFileName('  ')).toBe('upload');
    expect(sanitizeFileName('..')).toBe('upload');
    expect(sanitizeFileName(undefined)).toBe('upload');
    // NFC: "ố" typed as o + combining marks becomes one character
    expect(sanitizeFileName('Ho\u0302\u0301.jpg')).toBe('Hố.jpg');
    const emoji = sanitizeFileName(`${'🙂'.repeat(250)}.jpeg`);
    expect([...emoji]).toHaveLength(MAX_NAME_LENGTH);
    expect(emoji.endsWith('🙂.jpeg')).toBe(true);
  });
});

describe('HTTP ranges', () => {
  it('parses one range, clamps its end, and refuses what lies beyond the file', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-4', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,4-5', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange(undefined, 1000)).toBeNull();
  });
});

describe('Content-Disposition of originals', () => {
  it('gives an ASCII fallback without quotes or backslashes, and the exact name in UTF-8', () => {
    expect(attachment('Ảnh "hồ" \\ Tịnh Tâm.jpg')).toBe(
      `attachment; filename="Anh _ho_ _ Tinh Tam.jpg"; filename*=UTF-8''${encodeURIComponent('Ảnh "hồ" \\ Tịnh Tâm.jpg')}`,
    );
    expect(attachment('ảnh.jpg')).toMatch(/^attachment; filename="anh.jpg"/);
    expect(attachment('照片')).toMatch(/^attachment; filename="media"/);
    expect(attachment("Đường (Lê Lợi) it's.jpg")).toBe(
      `attachment; filename="Duong (Le Loi) it's.jpg"; filename*=UTF-8''%C4%90%C6%B0%E1%BB%9Dng%20%28L%C3%AA%20L%E1%BB%A3i%29%20it%27s.jpg`,
    );
  });
});

describe('storage keys', () => {
  it('are derived from the content hash and refuse anything else', () => {
    const sha = 'ab'.repeat(32);
    expect(mediaKeys(sha)).toEqual({
      original: `ab/ab/${sha}`,
      public: `ab/ab/${sha}.public.webp`,
      thumbnail: `ab/ab/${sha}.thumb.webp`,
    });
    expect(() => mediaKeys('../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(() => assertSafeKey('../x')).toThrow(/not a media object key/);
    expect(() => assertSafeKey(`/ab/ab/${sha}`)).toThrow(/not a media object key/);
    expect(() => assertSafeKey(mediaKeys(sha).public)).not.toThrow();
  });
});

describe('decoder failures', () => {
  it('name an undecodable HEIC as unsupported (415), anything else as a damaged picture (422)', () => {
    const heic = translateSharpError(
      new Error('heif: Unsupported feature: Unsupported codec (4.3000)'),
      'a.heic',
      'image/heic',
    );
    expect(heic).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(heic.message).toMatch(/"a.heic" is a HEIC photo/);
    expect(
      translateSharpError(new Error('VipsJpeg: Premature end of input file'), 'b.jpg', 'image/jpeg'),
    ).toMatchObject({
      status: 422,
      code: 'corrupt_image',
    });
    expect(translateSharpError(new Error('Input image exceeds pixel limit'), 'c.png', 'image/png')).toMatchObject({
      status: 422,
      code: 'image_dimensions_too_large',
    });
  });
});
