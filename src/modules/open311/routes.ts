// Open311 GeoReport v2 at /open311/v2, every path in .json and .xml, so that existing 311
// clients (FixMyStreet, open311-adapter, city apps) work with CityPulse. Reading is public;
// filing a report needs an api_key with the report scope, posting an update the update scope
// (an agency's system moves its cases; a front end without an agency relays its citizens).
import type {} from '@fastify/multipart'; // request.isMultipart()
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import { assertStorableText } from '../../platform/http/text-input.js';
import type { App } from '../../platform/http/types.js';
import { type ApiClient, limitApiClient, verifyApiKey } from '../api-clients/service.js';
import type { Intake } from '../cases/intake.js';
import { discardMedia, receiveUpload } from '../media/service.js';
import type { MediaStorage } from '../media/storage/index.js';
import type { TriageClassifier } from '../triage/service.js';
import {
  FORMATS,
  type Format,
  formatOf,
  open311BadRequest,
  open311ErrorHandler,
  open311Forbidden,
  open311NotFound,
  parseW3cDate,
  send,
  sendErrors,
} from './format.js';
import {
  addField,
  checkOpen311Attributes,
  type Form,
  listRequests,
  parseReport,
  requestView,
  submitOpen311Report,
} from './requests.js';
import { assertJurisdiction, listServices, localeOf, serviceDefinition, serviceNameOf } from './services.js';
import { listUpdates, parseUpdate, postUpdate, updateView } from './updates.js';

export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint last changed in a way clients should know of (discovery's changeset). */
const CHANGESET = '2026-01-15T00:00:00Z';
const FORM_BODY_LIMIT = 64 * 1024;

export interface Open311Options {
  db: Database;
  classifier: TriageClassifier;
  /** The intake the app's own reports go through (shared with the cases module). */
  intake: Intake;
  /** Where a report's `media` file is stored (multipart requests). */
  storage: MediaStorage;
  /** Largest picture decoded (MEDIA_MAX_PIXELS). */
  maxPixels: number;
  /** Who runs the endpoint, for discovery. */
  contact?: string;
}

// Open311 clients send parameters of their own (api_key on reads, attribute[...], device ids):
// unknown ones are accepted and ignored, unlike the rest of our API.
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const CommonQuery = { jurisdiction_id: text(64), locale: text(35), api_key: text(200) };
const tags = ['open311'];

const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** A multipart report's `media` file, stored for the client that `uploader` authenticates. */
interface MediaSink {
  db: Database;
  storage: MediaStorage;
  maxPixels: number;
  ids: string[];
  /** Called at the first file, with the fields read so far: the uploader's user id, or a 403. */
  uploader(fieldsSoFar: Form['fields']): Promise<string>;
}

/**
 * Form fields of a urlencoded, multipart or JSON body. In multipart, one file named `media`
 * is stored like any upload (typed by its bytes, a stripped public copy); others are skipped.
 * The first value of a field counts, except that a field named `...[]` (attribute[code][] of a
 * multivaluelist) keeps every value, in `lists`. No file is read before its sender is known:
 * the api_key comes in the query string, an X-Api-Key header or a field before the first
 * file, or the answer is 403 at the first file.
 */
async function fieldsOf(
  request: FastifyRequest,
  media?: MediaSink,
  /** Where files are only skipped (updates): called at the first file to know its sender, or refuse. */
  senderOfSkippedFiles?: (fieldsSoFar: Form['fields']) => Promise<unknown>,
): Promise<Form> {
  const form: Form = { fields: {}, lists: {} };
  if (request.isMultipart()) {
    let uploadedBy: string | undefined;
    let senderKnown = false;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        // any file, even one that is skipped, is read only once its sender is known
        if (media) uploadedBy ??= await media.uploader(form.fields);
        else if (senderOfSkippedFiles && !senderKnown) {
          await senderOfSkippedFiles(form.fields);
          senderKnown = true;
        }
        if (media && uploadedBy && part.fieldname === 'media' && media.ids.length === 0) {
          const file = { file: part.file, filename: part.filename, mimetype: part.mimetype };
          const options = { uploadedBy, maxPixels: media.maxPixels };
          media.ids.push((await receiveUpload(media.db, media.storage, file, options)).id);
        } else part.file.resume();
      } else {
        assertStorableText(String(part.value), part.fieldname); // as the JSON and form bodies are, by the hook
        addField(form, part.fieldname, String(part.value));
      }
    }
    return form;
  }
  const body = request.body;
  if (!body || typeof body !== 'object') return form;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (['string', 'number', 'boolean'].includes(typeof item)) addField(form, key, String(item));
    }
  }
  return form;
}

/** The api_key sent outside the body: `?api_key=` or an X-Api-Key header. */
function keyOutsideBody(request: FastifyRequest, query: { api_key?: string | undefined }): string | undefined {
  const header = request.headers['x-api-key'];
  return query.api_key ?? (typeof header === 'string' && header.trim() ? header.trim() : undefined);
}

/** The active client of this key with this scope, or a 403 in Open311's shape. */
async function clientWith(db: Database, key: string | undefined, scope: 'report' | 'update'): Promise<ApiClient> {
  if (!key) throw open311Forbidden('api_key is required');
  const client = await verifyApiKey(db, key);
  if (!client) throw open311Forbidden('This api_key is not valid');
  if (!client.scopes.includes(scope))
    throw open311Forbidden(`This api_key may not do this: it needs the ${scope} scope`);
  await limitApiClient(db, client);
  return client;
}

const csv = (raw: string | undefined) =>
  raw
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

async function open311V2(app: App, { db, classifier, intake, storage, maxPixels, contact }: Open311Options) {
  app.setErrorHandler(open311ErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendErrors(reply, formatOf(request), 404, `No Open311 endpoint ${request.method} ${request.url.split('?')[0]}`),
  );
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      // repeated fields (attribute[code][]) arrive as lists; fieldsOf sorts them out
      const fields: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        const before = fields[key];
        fields[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
      }
      done(null, fields);
    },
  );

  for (const format of FORMATS) registerFormat(app, format);

  function registerFormat(api: App, format: Format) {
    api.get(
      `/discovery.${format}`,
      {
        config: { access: 'public' },
        schema: { tags, summary: `Open311 discovery (${format})` },
      },
      async (request, reply) => {
        const url = `${baseUrlOf(request)}${OPEN311_PREFIX}`;
        return send(
          reply,
          format,
          200,
          {
            changeset: CHANGESET,
            contact: contact ?? 'The city operations center (IOC)',
            key_service: 'Ask the city operations center for an API key (see docs/open311.md)',
            endpoints: [
              {
                specification: SPECIFICATION,
                url,
                changeset: CHANGESET,
                type: 'production',
                formats: ['text/xml', 'application/json'],
              },
            ],
          },
          { root: 'discovery', lists: { endpoints: 'endpoint', formats: 'format' } },
        );
      },
    );

    api.get(
      `/services.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `The city's categories as Open311 services (${format})`,
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        await assertJurisdiction(db, request.query.jurisdiction_id);
        const services = await listServices(db, localeOf(request.query.locale));
        return send(reply, format, 200, services, { root: 'services', item: 'service' });
      },
    );

    api.get(
      `/services/:service_code.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `A service definition: its extra attributes (${format})`,
          params: Type.Object({ service_code: Type.String({ maxLength: 64 }) }),
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        await assertJurisdiction(db, request.query.jurisdiction_id);
        const definition = await serviceDefinition(db, request.params.service_code, localeOf(request.query.locale));
        return send(reply, format, 200, definition, {
          root: 'service_definition',
          lists: { attributes: 'attribute', values: 'value' },
        });
      },
    );

    api.get(
      `/requests.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `Service requests, newest first: the last 90 days by default, at most 1000 (${format})`,
          querystring: Type.Object({
            ...CommonQuery,
            service_request_id: text(4000),
            service_code: text(1000),
            start_date: text(40),
            end_date: text(40),
            status: text(20),
          }),
        },
      },
      async (request, reply) => {
        const query = request.query;
        await assertJurisdiction(db, query.jurisdiction_id);
        const status = csv(query.status);
        if (status?.some((s) => s !== 'open' && s !== 'closed'))
          throw open311BadRequest('status must be open or closed');
        const rows = await listRequests(db, {
          codes: csv(query.service_request_id),
          serviceCodes: csv(query.service_code),
          start: parseW3cDate(query.start_date, 'start_date'),
          end: parseW3cDate(query.end_date, 'end_date'),
          status: status as ('open' | 'closed')[] | undefined,
        });
        const locale = localeOf(query.locale);
        const base = baseUrlOf(request);
        return send(
          reply,
          format,
          200,
          rows.map((row) => requestView(row, locale, base)),
          { root: 'service_requests', item: 'request' },
        );
      },
    );

    api.get(
      `/requests/:service_request_id.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `One service request by its id, the case code (${format})`,
          params: Type.Object({ service_request_id: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        await assertJurisdiction(db, request.query.jurisdiction_id);
        const [row] = await listRequests(db, { codes: [request.params.service_request_id] });
        if (!row) throw open311NotFound(`There is no service request ${request.params.service_request_id}`);
        const view = requestView(row, localeOf(request.query.locale), baseUrlOf(request));
        return send(reply, format, 200, [view], { root: 'service_requests', item: 'request' });
      },
    );

    api.post(
      `/requests.${format}`,
      {
        config: { access: 'public' }, // the api_key is checked by the handler, in Open311's error shape
        schema: {
          tags,
          summary: `File a report (application/x-www-form-urlencoded; needs an api_key with the report scope) (${format})`,
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        const outsideKey = keyOutsideBody(request, request.query);
        let client: ApiClient | undefined;
        const media: MediaSink = {
          db,
          storage,
          maxPixels,
          ids: [],
          async uploader(fieldsSoFar) {
            const key = fieldsSoFar.api_key ?? outsideKey;
            if (!key)
              throw open311Forbidden(
                'api_key is required before any file: in the query string, an X-Api-Key header, or a field ahead of the media part',
              );
            client ??= await clientWith(db, key, 'report');
            return client.service_user_id;
          },
        };
        let code: string;
        try {
          const form = await fieldsOf(request, media);
          const { fields } = form;
          await assertJurisdiction(db, fields.jurisdiction_id ?? request.query.jurisdiction_id);
          client ??= await clientWith(db, fields.api_key ?? outsideKey, 'report');
          const report = parseReport(form);
          const serviceName = await serviceNameOf(db, report.serviceCode);
          if (!serviceName) throw open311BadRequest(`There is no service with the code ${report.serviceCode}`);
          report.attributes = await checkOpen311Attributes(db, report.serviceCode, form);
          code = await submitOpen311Report({ db, classifier, intake }, client, report, serviceName, media.ids);
        } catch (error) {
          await discardMedia(db, storage, media.ids);
          throw error;
        }
        return send(reply, format, 201, [{ service_request_id: code, service_notice: null, account_id: null }], {
          root: 'service_requests',
          item: 'request',
        });
      },
    );

    api.get(
      `/tokens/:token.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `The request of a token: requests are created at once, so a token is the case code (${format})`,
          params: Type.Object({ token: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        await assertJurisdiction(db, request.query.jurisdiction_id);
        const [row] = await listRequests(db, { codes: [request.params.token] });
        if (!row) throw open311NotFound(`There is no token ${request.params.token}`);
        return send(reply, format, 200, [{ service_request_id: row.code, token: request.params.token }], {
          root: 'service_requests',
          item: 'request',
        });
      },
    );

    api.get(
      `/servicerequestupdates.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: `Public changes of state of requests, oldest first (default: the last day), at most 1000 (${format})`,
          querystring: Type.Object({ ...CommonQuery, start_date: text(40), end_date: text(40) }),
        },
      },
      async (request, reply) => {
        await assertJurisdiction(db, request.query.jurisdiction_id);
        const rows = await listUpdates(db, {
          start: parseW3cDate(request.query.start_date, 'start_date'),
          end: parseW3cDate(request.query.end_date, 'end_date'),
        });
        const base = baseUrlOf(request);
        return send(
          reply,
          format,
          200,
          rows.map((row) => updateView(row, base)),
          { root: 'service_request_updates', item: 'request_update' },
        );
      },
    );

    api.post(
      `/servicerequestupdates.${format}`,
      {
        config: { access: 'public' }, // the api_key is checked by the handler, in Open311's error shape
        schema: {
          tags,
          summary: `An agency's system posts progress on its cases; a city-wide front end its citizens' comments and reopen requests (needs the update scope) (${format})`,
          querystring: Type.Object(CommonQuery),
        },
      },
      async (request, reply) => {
        const outsideKey = keyOutsideBody(request, request.query);
        let client: ApiClient | undefined;
        // updates keep no file, but none is read before its sender is known (as for requests)
        const { fields } = await fieldsOf(request, undefined, async (fieldsSoFar) => {
          client ??= await clientWith(db, fieldsSoFar.api_key ?? outsideKey, 'update');
        });
        await assertJurisdiction(db, fields.jurisdiction_id ?? request.query.jurisdiction_id);
        client ??= await clientWith(db, fields.api_key ?? outsideKey, 'update');
        const updateId = await postUpdate(db, client, parseUpdate(fields));
        return send(reply, format, 200, [{ update_id: updateId }], {
          root: 'service_request_updates',
          item: 'request_update',
        });
      },
    );
  }
}

/** Registers Open311 GeoReport v2 under /open311/v2 (at the root, beside /api/v1). */
export async function openOpen311Routes(app: App, options: Open311Options) {
  await app.register(open311V2, { ...options, prefix: OPEN311_PREFIX });
}
