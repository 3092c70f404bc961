// Security headers on every answer. The web app is built by Vite into files of its own (no
// inline script), so scripts come from our origin only; styles allow inline because Leaflet
// and the charts set style attributes; images also come from the basemap's tile server and
// from blob:/data: (photo previews before upload). HSTS only in production, where TLS is sure.
import type { FastifyInstance } from 'fastify';

/** The CSP source of a tile URL template: its origin, with a {s}-style subdomain as a wildcard. */
export function tileSource(template: string): string | null {
  const match = /^(https?:)\/\/([^/?#]+)/i.exec(template);
  if (!match) return null;
  const [, scheme, host] = match as unknown as [string, string, string];
  const wildcard = host.replace(/\{[^}]*\}/g, '*');
  // CSP allows a wildcard only as the leftmost label; anything else: the scheme alone
  if (/\*/.test(wildcard) && !/^\*\.[^*]+$/.test(wildcard)) return scheme.toLowerCase();
  if (!/^[\w.*:[\]-]+$/.test(wildcard)) return null;
  return `${scheme.toLowerCase()}//${wildcard.toLowerCase()}`;
}

export function contentSecurityPolicy(mapTileUrl: string): string {
  const tiles = tileSource(mapTileUrl);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerSecurityHeaders(app: FastifyInstance, options: { production: boolean; mapTileUrl: string }) {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options.mapTileUrl),
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // the origin only, and only over HTTPS: tile servers (OpenStreetMap) want to know the site
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
  if (options.production) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });
}
