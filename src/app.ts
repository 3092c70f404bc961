// The composition root: builds the HTTP application from its platform parts and domain
// modules. It holds no logic of its own.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { accountRoutes } from './modules/accounts/routes.js';
import { principalLoader, resolvePrincipal, SESSION_COOKIE } from './modules/accounts/sessions.js';
import { userRoutes } from './modules/accounts/user-routes.js';
import { agencyRoutes } from './modules/agencies/routes.js';
import { apiClientRoutes } from './modules/api-clients/routes.js';
import { areaRoutes } from './modules/areas/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { createIntake } from './modules/cases/intake.js';
import { caseRoutes } from './modules/cases/routes/index.js';
import type { CaseSettings } from './modules/cases/settings.js';
import { categoryRoutes } from './modules/categories/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { detectionRoutes } from './modules/detections/routes.js';
import { MEDIA_MULTIPART_LIMITS } from './modules/media/formats.js';
import { mediaRoutes } from './modules/media/routes.js';
import { createStorage, type MediaStorage } from './modules/media/storage/index.js';
import { mediaUploadRoutes } from './modules/media/upload-routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { openOpen311Routes } from './modules/open311/routes.js';
import { packRoutes } from './modules/packs/routes.js';
import { routingRoutes } from './modules/routing/routes.js';
import { triageRoutes } from './modules/triage/routes.js';
import type { TriageClassifier } from './modules/triage/service.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/index.js';
import { registerAccessControl } from './platform/http/access.js';
import { registerErrorHandling } from './platform/http/errors.js';
import { healthRoutes } from './platform/http/health.js';
import { registerMetrics } from './platform/http/metrics.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { registerCookieOriginCheck } from './platform/http/same-origin.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerTextInputGuard } from './platform/http/text-input.js';
import type { App } from './platform/http/types.js';
import { registerValidation } from './platform/http/validation.js';
import { clientConfigRoutes, registerWebApp } from './platform/http/web-app.js';
import { loggerOptions } from './platform/logging.js';
import { type OutboundPolicy, outboundPolicy } from './platform/net/outbound-guard.js';
import { httpSmsSender, logSmsSender, type SmsSender } from './platform/sms.js';
import { ErrorBody } from './shared/errors.js';

export interface AppDeps {
  config: Config;
  db: Database;
  /** Defaults to the configured gateway, or the log sender for local use. */
  sms?: SmsSender;
  /** Where logs go (stdout by default); tests read them to check what never reaches a log. */
  logStream?: NodeJS.WritableStream;
  /** Defaults to the configured storage (the local disk under DATA_DIR, or S3). */
  storage?: MediaStorage;
  caseSettings: CaseSettings;
  /** Classifies reports (the built-in model, and an external one when configured). */
  triage: TriageClassifier;
  /** Where server-side fetches may go; defaults to the configured policy with the system's DNS. */
  outbound?: OutboundPolicy;
}

export async function buildApp({
  config,
  db,
  sms,
  logStream,
  storage,
  caseSettings,
  triage,
  outbound,
}: AppDeps): Promise<App> {
  const app = Fastify({
    logger: { ...loggerOptions(config.logLevel), ...(logStream ? { stream: logStream } : {}) },
    // a hop count as the function Fastify makes of one (its types take no number)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(app, { production: config.nodeEnv === 'production', mapTileUrl: config.mapTileUrl });
  app.addSchema(ErrorBody);
  registerValidation(app);
  registerErrorHandling(app);
  registerTextInputGuard(app);
  const metrics = registerMetrics(app, db);
  await app.register(cookie);
  registerCookieOriginCheck(app, SESSION_COOKIE);
  await app.register(multipart, { limits: MEDIA_MULTIPART_LIMITS });
  const principals = principalLoader(db);
  registerAccessControl(app, (request) => resolvePrincipal(principals, request));
  await registerOpenApi(app);

  const smsSender = sms ?? (config.smsGatewayUrl ? httpSmsSender(config.smsGatewayUrl) : logSmsSender(app.log));
  const mediaStorage = storage ?? createStorage(config);
  // one intake for every way reports come in (the app, Open311), so that they commit together
  const intake = createIntake(db, caseSettings);
  await app.register(healthRoutes, { db, metrics, config });
  await app.register(
    async (api: App) => {
      await api.register(areaRoutes, { db });
      await api.register(agencyRoutes, { db });
      await api.register(categoryRoutes, { db });
      await api.register(accountRoutes, { db, config, sms: smsSender });
      await api.register(userRoutes, { db });
      await api.register(auditRoutes, { db });
      await api.register(mediaRoutes, { db, storage: mediaStorage });
      await api.register(mediaUploadRoutes, { db, storage: mediaStorage, limits: config.limits });
      await api.register(caseRoutes, { db, storage: mediaStorage, intake, classifier: triage, limits: config.limits });
      await api.register(apiClientRoutes, { db });
      await api.register(triageRoutes, { db, classifier: triage });
      await api.register(notificationRoutes, { db });
      await api.register(webhookRoutes, { db, outbound: outbound ?? outboundPolicy(config.outboundAllowPrivate) });
      await api.register(routingRoutes, { db });
      await api.register(packRoutes, { db });
      await api.register(detectionRoutes, { db, intake, classifier: triage });
      await api.register(clientConfigRoutes, { db, config });
      await api.register(dashboardRoutes, { db, timeZone: caseSettings.timeZone });
    },
    { prefix: '/api/v1' },
  );
  await app.register(openOpen311Routes, {
    db,
    classifier: triage,
    intake,
    storage: mediaStorage,
    maxPixels: config.limits.mediaMaxPixels,
  });
  await registerWebApp(app, config.webDir);
  return app;
}
