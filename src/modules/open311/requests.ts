// Open311 service requests: reading cases as requests (public data only: no reporter, personal
// data masked in every text) and filing a report through the same intake as the app.
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { AttributeValues, CaseState, ReportInput } from '../../shared/cases.js';
import { OPEN_STATES } from '../../shared/cases.js';
import type { ApiClient } from '../api-clients/service.js';
import type { Intake } from '../cases/intake.js';
import { reporterIdentities } from '../cases/privacy.js';
import { submitReport } from '../cases/submit.js';
import { attributesOfCategory, checkAttributeValues, type RawAnswers } from '../categories/attributes.js';
import { type ReporterIdentity, redactPersonalData } from '../triage/redaction.js';
import type { TriageClassifier } from '../triage/service.js';
import { open311BadRequest, type Value, w3cDate } from './format.js';
import type { Locale } from './services.js';
import { open311StatusOf } from './status.js';

/** The specification's default window and page size. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface RequestQuery {
  codes?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  status?: ('open' | 'closed')[];
}

interface RequestRow {
  id: string;
  code: string;
  state: CaseState;
  description: string;
  lat: number;
  lon: number;
  address: string | null;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  service_code: string | null;
  service_name_vi: string | null;
  service_name_en: string | null;
  agency_name_vi: string | null;
  agency_name_en: string | null;
  status_notes: string | null;
  media_id: string | null;
  /** Who reported it, to be masked where they typed their own name or phone. */
  reporters?: ReporterIdentity[];
}

/** The rows with their reporters' identities, read in one query. */
export async function withReporters<Row extends { reporters?: ReporterIdentity[] }>(
  db: Queryable,
  rows: Row[],
  caseIdOf: (row: Row) => string,
): Promise<Row[]> {
  const identities = await reporterIdentities(db, [...new Set(rows.map(caseIdOf))]);
  for (const row of rows) row.reporters = identities.get(caseIdOf(row)) ?? [];
  return rows;
}

// status_notes: the last public message of the city (not a citizen's comment)
const REQUEST_SELECT = `SELECT c.id, c.code, c.state, c.description, c.lat, c.lon, c.address, c.created_at,
    c.updated_at, c.due_at, cat.code AS service_code, cat.name_vi AS service_name_vi, cat.name_en AS service_name_en,
    ag.name_vi AS agency_name_vi, ag.name_en AS agency_name_en,
    (SELECT coalesce(e.payload->>'message', e.payload->>'reason') FROM case_events e
      WHERE e.case_id = c.id AND e.public AND e.type NOT IN ('submitted', 'commented')
        AND coalesce(e.payload->>'message', e.payload->>'reason') IS NOT NULL
      ORDER BY e.id DESC LIMIT 1) AS status_notes,
    (SELECT m.id FROM case_media cm JOIN media m ON m.id = cm.media_id
      WHERE cm.case_id = c.id AND m.public AND m.kind = 'image' ORDER BY cm.event_id, cm.position LIMIT 1) AS media_id
  FROM cases c
  LEFT JOIN categories cat ON cat.id = c.category_id
  LEFT JOIN agencies ag ON ag.id = c.agency_id`;

const OPEN_STATES_SQL = `ARRAY[${OPEN_STATES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/**
 * Requests by code (the other filters are then ignored, as the specification says), or those
 * created in a window (default: the last 90 days), newest first, at most 1000. Rejected cases
 * (spam, out of scope) are only shown by code, like on the public map.
 */
export async function listRequests(db: Queryable, query: RequestQuery): Promise<RequestRow[]> {
  if (query.codes) {
    const { rows } = await db.query<RequestRow>(
      `${REQUEST_SELECT} WHERE c.code = ANY($1::text[]) ORDER BY c.created_at DESC, c.id DESC LIMIT ${MAX_REQUESTS}`,
      [query.codes.map((code) => code.toUpperCase())],
    );
    return withReporters(db, rows, (row) => row.id);
  }
  const end = query.end ?? new Date();
  const start = query.start ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (start > end) throw open311BadRequest('start_date must be before end_date');
  const statuses = query.status ?? [];
  const { rows } = await db.query<RequestRow>(
    `${REQUEST_SELECT}
      WHERE c.state <> 'rejected' AND c.created_at >= $1 AND c.created_at <= $2
        AND ($3::text[] IS NULL OR cat.code = ANY($3::text[]))
        AND (($4::boolean AND c.state <> ALL(${OPEN_STATES_SQL})) OR ($5::boolean AND c.state = ANY(${OPEN_STATES_SQL})))
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${MAX_REQUESTS}`,
    [
      start,
      end,
      query.serviceCodes ?? null,
      statuses.length === 0 || statuses.includes('closed'),
      statuses.length === 0 || statuses.includes('open'),
    ],
  );
  return withReporters(db, rows, (row) => row.id);
}

/** One request as the specification lists its fields; baseUrl makes the photo URL absolute. */
export function requestView(row: RequestRow, locale: Locale, baseUrl: string): { [key: string]: Value } {
  const en = locale === 'en';
  return {
    service_request_id: row.code,
    status: open311StatusOf(row.state),
    status_notes: row.status_notes === null ? null : redactPersonalData(row.status_notes, row.reporters),
    service_name: (en ? row.service_name_en : row.service_name_vi) ?? null,
    service_code: row.service_code,
    description: redactPersonalData(row.description, row.reporters),
    agency_responsible: (en ? row.agency_name_en : row.agency_name_vi) ?? null,
    service_notice: null,
    requested_datetime: w3cDate(row.created_at),
    updated_datetime: w3cDate(row.updated_at),
    expected_datetime: w3cDate(row.due_at),
    address: row.address === null ? null : redactPersonalData(row.address, row.reporters),
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.media_id ? `${baseUrl}/api/v1/media/${row.media_id}/public` : null,
  };
}

/** What a POST carries, as form fields: the first value of each. */
export type FormFields = Record<string, string | undefined>;

/** A posted form: the first value of each field, and every value of each (for repeated ones). */
export interface Form {
  fields: FormFields;
  lists: Record<string, string[]>;
}

export function addField(form: Form, name: string, value: string): void {
  form.fields[name] ??= value;
  form.lists[name] = [...(form.lists[name] ?? []), value];
}

// attribute[code] (FixMyStreet repeats it for each value of a multivaluelist) and attribute[code][]
const ATTRIBUTE_FIELD = /^attribute\[([^\]]+)\](\[\])?$/;

/** The attribute[...] answers of a form, by attribute code: a text, or a list when repeated or named [] . */
export function attributeAnswersOf(form: Form): RawAnswers {
  const answers: Record<string, string[]> = {};
  const listed = new Set<string>();
  for (const [name, values] of Object.entries(form.lists)) {
    const match = ATTRIBUTE_FIELD.exec(name);
    if (!match?.[1]) continue;
    answers[match[1]] = [...(answers[match[1]] ?? []), ...values];
    if (match[2]) listed.add(match[1]);
  }
  return Object.fromEntries(
    Object.entries(answers).map(([code, values]) => [
      code,
      values.length === 1 && !listed.has(code) ? (values[0] as string) : values,
    ]),
  );
}

/**
 * The answers to the service's attributes, checked: a missing required one, a value of the
 * wrong datatype or outside the list is a 400 naming the attribute; answers to attributes the
 * service does not have are ignored (clients send extras of their own).
 */
export async function checkOpen311Attributes(db: Queryable, serviceCode: string, form: Form): Promise<AttributeValues> {
  const attributes = (await attributesOfCategory(db, serviceCode)) ?? [];
  try {
    return checkAttributeValues(attributes, attributeAnswersOf(form), { unknown: 'ignore' });
  } catch (error) {
    if (error instanceof AppError) throw open311BadRequest(error.message);
    throw error;
  }
}

export interface Open311Report {
  serviceCode: string;
  lat: number;
  lon: number;
  address: string | null;
  description: string | null;
  /** Checked answers to the service's attributes (checkOpen311Attributes). */
  attributes: AttributeValues;
  contact: {
    email: string | null;
    phone: string | null;
    first_name: string | null;
    last_name: string | null;
    media_url: string | null;
    device_id: string | null;
    account_id: string | null;
  };
}

const text = (fields: FormFields, name: string, max: number): string | null => {
  const value = fields[name]?.trim();
  if (!value) return null;
  if (value.length > max) throw open311BadRequest(`${name} may be at most ${max} characters`);
  return value;
};

function coordinate(fields: FormFields, name: 'lat' | 'long', limit: number): number {
  const raw = fields[name]?.trim() ?? '';
  const value = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw) || Math.abs(value) > limit) {
    throw open311BadRequest(`${name} must be a number between -${limit} and ${limit} (WGS84 degrees)`);
  }
  return value;
}

/** Checks a POST /requests as the specification words it; a 400 names what is wrong. */
export function parseReport({ fields }: Form): Open311Report {
  const serviceCode = text(fields, 'service_code', 64);
  if (!serviceCode) throw open311BadRequest('service_code is required');
  const hasPoint = Boolean(fields.lat?.trim() || fields.long?.trim());
  if (!hasPoint) {
    throw open311BadRequest(
      fields.address_string?.trim() || fields.address_id?.trim()
        ? 'lat and long are required: this city locates reports by a point, not by an address alone'
        : 'A location is required: give lat and long',
    );
  }
  return {
    serviceCode,
    lat: coordinate(fields, 'lat', 90),
    lon: coordinate(fields, 'long', 180),
    address: text(fields, 'address_string', 500),
    description: text(fields, 'description', 4000),
    attributes: {},
    contact: {
      email: text(fields, 'email', 254),
      phone: text(fields, 'phone', 40),
      first_name: text(fields, 'first_name', 100),
      last_name: text(fields, 'last_name', 100),
      media_url: text(fields, 'media_url', 2000),
      device_id: text(fields, 'device_id', 200),
      account_id: text(fields, 'account_id', 200),
    },
  };
}

/**
 * Files the report through the app's intake (the same checks, triage and auto-assignment),
 * with the client's service user as reporter and channel open311. The contact of the person
 * behind it is kept apart, for staff only.
 */
export async function submitOpen311Report(
  deps: { db: Database; classifier: TriageClassifier; intake: Intake },
  client: ApiClient,
  report: Open311Report,
  serviceName: string,
  mediaIds: string[] = [],
): Promise<string> {
  const { db, classifier, intake } = deps;
  const input: ReportInput = {
    // the specification makes the description optional; our cases need one
    description: report.description ?? serviceName,
    category: report.serviceCode,
    lat: report.lat,
    lon: report.lon,
    ...(report.address ? { address: report.address } : {}),
    ...(Object.keys(report.attributes).length > 0 ? { attributes: report.attributes } : {}),
  };
  // the same checks, triage, routing and auto-assignment as the app's own reports
  const result = await submitReport(
    { intake, classifier },
    { input, channel: 'open311', reporter: { userId: client.service_user_id, role: 'citizen' }, mediaIds },
  );
  const { contact } = report;
  if (Object.values(contact).some((value) => value !== null)) {
    await db.query(
      `INSERT INTO open311_request_details
         (case_id, api_client_id, email, phone, first_name, last_name, media_url, device_id, account_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (case_id) DO NOTHING`,
      [
        result.case.id,
        client.id,
        contact.email,
        contact.phone,
        contact.first_name,
        contact.last_name,
        contact.media_url,
        contact.device_id,
        contact.account_id,
      ],
    );
  }
  return result.case.code;
}
