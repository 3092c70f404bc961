// CSV downloads: UTF-8 with a byte order mark (so that Excel reads Vietnamese right), CRLF
// lines and RFC 4180 quoting, written row by row into a stream as the reader takes them.
import { Readable } from 'node:stream';

export type CsvValue = string | number | boolean | null | undefined;

/** Text a spreadsheet would run as a formula is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1e6) / 1e6) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (values: readonly CsvValue[]) => `${values.map(csvField).join(',')}\r\n`;

/** A stream of the CSV text: the header, then each row as the consumer asks for more. */
export function csvStream(header: readonly string[], rows: Iterable<readonly CsvValue[]>): Readable {
  function* lines() {
    yield `\uFEFF${line(header)}`;
    for (const row of rows) yield line(row);
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Content-Disposition for a download: an ASCII name, and the same in RFC 5987 form. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
