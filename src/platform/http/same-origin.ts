// Writes made with a session cookie must come from our own pages. SameSite=Lax already keeps
// the cookie off most cross-site requests; this checks what the browser says of the request's
// origin (Sec-Fetch-Site, Origin) as the second line. Bearer tokens and API keys are not sent
// by browsers on their own, and a client that sends neither header (curl, scripts) is no
// browser being tricked: both pass.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden } from '../errors.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function crossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  // "none": typed by the user; "same-origin": our own pages. A sibling subdomain is not us.
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  try {
    // the host only: behind a TLS-terminating proxy the scheme we see may differ from the browser's
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage
  }
}

export function registerCookieOriginCheck(app: FastifyInstance, sessionCookie: string): void {
  app.addHook('onRequest', async (request) => {
    if (!WRITES.has(request.method)) return;
    if (request.headers.authorization !== undefined) return;
    if (request.cookies?.[sessionCookie] === undefined) return;
    if (crossSite(request)) {
      throw forbidden('A signed-in write must come from the CityPulse app itself', 'cross_site_request');
    }
  });
}
