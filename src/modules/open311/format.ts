// How Open311 GeoReport v2 answers are written: every path ends in .json or .xml. JSON drops
// the root wrapper (a list is a bare array); XML is UTF-8 with the specification's element
// names (services/service, service_requests/request, errors/error, ...). Errors have their own
// shape in both encodings: [{ code, description }] and errors/error.

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];

export type Scalar = string | number | boolean | null;
/** An answer as plain data: objects, lists and scalars; null is an empty element in XML. */
export type Value = Scalar | Value[] | { [key: string]: Value };

const xml = new XMLBuilder({ ignoreAttributes: false, format: false, suppressEmptyNode: false });
const XML_DECLARATION = { '@_version': '1.0', '@_encoding': 'UTF-8' };

/**
 * In XML a list is repeated elements named by `itemName` under the list's element; the JSON
 * shape has no names, so the XML names are given alongside: { root, item } for the top level.
 */
export interface XmlNames {
  root: string;
  /** The element of each item when the answer is a list. */
  item?: string;
  /** Element names of nested lists, by their key: e.g. { values: 'value', attributes: 'attribute' }. */
  lists?: Record<string, string>;
}

function toXmlValue(value: Value, lists: Record<string, string>): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) throw new Error('a list must be named: give its key in lists');
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (Array.isArray(child)) {
      const itemName = lists[key];
      if (!itemName) throw new Error(`no XML element name for the list ${key}`);
      out[key] = child.length ? { [itemName]: child.map((item) => toXmlValue(item, lists)) } : '';
    } else {
      out[key] = toXmlValue(child, lists);
    }
  }
  return out;
}

export function renderXml(body: Value, names: XmlNames): string {
  const lists = names.lists ?? {};
  let root: unknown;
  if (Array.isArray(body)) {
    if (!names.item) throw new Error(`no XML item name for the list ${names.root}`);
    root = body.length ? { [names.item]: body.map((item) => toXmlValue(item, lists)) } : '';
  } else {
    root = toXmlValue(body, lists);
  }
  return xml.build({ '?xml': XML_DECLARATION, [names.root]: root });
}

export function send(reply: FastifyReply, format: Format, status: number, body: Value, names: XmlNames) {
  if (format === 'xml') {
    return reply.status(status).type('text/xml; charset=utf-8').send(renderXml(body, names));
  }
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** An Open311 error: the status is also the error's code, as the specification shows it. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'Open311Error';
  }
}

export const open311BadRequest = (message: string) => new Open311Error(400, message);
export const open311Forbidden = (message: string) => new Open311Error(403, message);
export const open311NotFound = (message: string) => new Open311Error(404, message);

/** The format a request asked for by its path (json when it cannot be told). */
export function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

export function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  return send(reply, format, status, [{ code: status, description }], { root: 'errors', item: 'error' });
}

/** Every error of the Open311 routes, in the specification's shape and the requested format. */
export function open311ErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const format = formatOf(request);
  if (error instanceof Open311Error) return sendErrors(reply, format, error.status, error.message);
  if (error instanceof AppError) {
    if (error.status === 429 || error.status === 503) {
      const details = error.details as { retry_after_seconds?: number } | undefined;
      reply.header('retry-after', String(details?.retry_after_seconds ?? 60));
    }
    // the database restarting: try again shortly (a warning, not a bug)
    if (error.status === 503) {
      request.log.warn({ err: error.cause ?? error }, error.message);
      return sendErrors(reply, format, 503, error.message);
    }
    // a 500-class AppError is still ours to hide; 4xx ones say what the caller did wrong
    if (error.status < 500) return sendErrors(reply, format, error.status, error.message);
  }
  if (error.validation) {
    const what = error.validation.map((issue) => `${issue.instancePath || error.validationContext} ${issue.message}`);
    return sendErrors(reply, format, 400, `The request is not valid: ${what.join('; ')}`);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendErrors(reply, format, status, error.message);
  request.log.error({ err: error }, 'unhandled error');
  return sendErrors(reply, format, 500, 'Something went wrong on our side; it has been logged');
}

/** W3C date-time with a time zone (UTC, whole seconds): 2026-01-31T08:15:00Z. */
export function w3cDate(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/** A W3C date-time from the query, or a 400 naming the parameter. */
export function parseW3cDate(raw: string | undefined, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  // a date-time needs its time zone: a bare local time would mean different moments to different clients
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.exec(raw.trim());
  const parsed = match ? new Date(raw.trim()) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw open311BadRequest(`${name} must be a W3C date-time with a time zone, e.g. 2026-01-31T08:15:00+07:00`);
  }
  return parsed;
}
