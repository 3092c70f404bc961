// Serves the built web app (citizen app at /, staff console at /staff) from one folder, and
// the few settings the app reads at start. Paths the app routes itself get index.html; any
// other path gets it with a 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Type from 'typebox';
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { App } from './types.js';

/** Paths that belong to the server, never to the app's own router. */
const SERVER_PREFIXES = ['/api/', '/open311/', '/health', '/ready', '/metrics'];

/**
 * The app's own screens (web/src/app/routes.tsx), and the sections of the super app that are
 * being built (/alerts, /city, …): they answer 200 with the app. Any other path answers 404
 * with the app too, which then shows its not-found page, so that monitors and search engines
 * see the truth.
 */
const APP_ROUTES = [
  /^\/$/,
  /^\/(sign-in|map|report|reports|inbox|transparency)\/?$/,
  /^\/(cases|reports)\/[^/]+\/?$/,
  /^\/(me|staff|alerts|city|transit|services|assistant|payments|account)(\/.*)?$/,
];

export const isAppRoute = (path: string) => APP_ROUTES.some((route) => route.test(path));

export const ClientConfig = Type.Object({
  city: Type.Object({ name: Type.String() }),
  map: Type.Object({
    tile_url: Type.String({ description: 'Raster tile URL template, {z}/{x}/{y}' }),
    attribution: Type.String(),
    center: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
    zoom: Type.Integer(),
  }),
});

async function cityCenter(db: Database): Promise<{ lat: number; lon: number; name: string }> {
  const { rows } = await db.query<{ lat: number | null; lon: number | null; name: string }>(
    `SELECT center_lat AS lat, center_lon AS lon, name_vi AS name FROM areas
      WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
  );
  const root = rows[0];
  // Huế's centre when no pack is loaded: the app still opens on a sensible place.
  return { lat: root?.lat ?? 16.4637, lon: root?.lon ?? 107.5909, name: root?.name ?? 'CityPulse' };
}

export async function clientConfigRoutes(app: App, { db, config }: { db: Database; config: Config }) {
  app.get(
    '/client-config',
    {
      config: { access: 'public' },
      schema: { tags: ['web'], summary: 'Settings the web app reads at start', response: { 200: ClientConfig } },
    },
    async () => {
      const center = await cityCenter(db);
      return {
        city: { name: center.name },
        map: {
          tile_url: config.mapTileUrl,
          attribution: config.mapAttribution,
          center: { lat: center.lat, lon: center.lon },
          zoom: 13,
        },
      };
    },
  );
}

/** Registers the built app when its folder exists; the API works without it. */
export async function registerWebApp(app: App, webDir: string): Promise<boolean> {
  if (!existsSync(join(webDir, 'index.html'))) return false;
  // One route serves files and the app's own paths, so that access is declared once.
  await app.register(fastifyStatic, { root: webDir, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route GET ${path}` } });
    }
    if (/\.[a-z0-9]+$/i.test(path)) {
      // Hashed assets never change; the service worker and the manifest must be re-checked.
      const immutable = path.startsWith('/assets/');
      return reply.sendFile(path.slice(1), {
        maxAge: immutable ? 31_536_000_000 : 0,
        immutable,
        cacheControl: true,
      });
    }
    reply.header('cache-control', 'no-cache');
    if (!isAppRoute(path)) reply.status(404);
    return reply.sendFile('index.html');
  });
  return true;
}
