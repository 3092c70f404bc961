// Authorization is declared on each route (`config.access`) and enforced here, in one hook,
// before validation and before the handler. A route without a rule cannot be registered.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/roles.js';
import { isAgencyRole } from '../../shared/roles.js';
import { forbidden, unauthorized } from '../errors.js';

/** Who is calling: resolved from a session cookie or a bearer token. */
export interface Principal {
  userId: string;
  role: Role;
  agencyId: number | null;
  agencyCode: string | null;
  sessionId: string;
  mustChangePassword: boolean;
}

/**
 * public: anyone; signed_in: any signed-in user; a list: only those roles.
 * agencyParam names a route parameter holding an agency code: agency roles may only use
 * their own agency there.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    agencyParam?: string;
    /** Usable while a first password must still be changed (sign-out, /me, the change itself). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every route's access rule, as registered: the access test walks them all. */
    accessRules: RouteAccessRule[];
  }
}

export interface RouteAccessRule {
  method: string;
  url: string;
  access: Access;
  agencyParam: string | undefined;
}

export type ResolvePrincipal = (request: FastifyRequest) => Promise<Principal | null>;

/** The documentation UI is a third-party plugin whose routes cannot carry our config. */
const DOCS_PREFIX = '/api/docs';

export function registerAccessControl(app: FastifyInstance, resolvePrincipal: ResolvePrincipal): void {
  app.decorateRequest('principal', null);
  const rules: RouteAccessRule[] = [];
  app.decorate('accessRules', rules);

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) {
      if (!route.url.startsWith(DOCS_PREFIX)) {
        throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
      }
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config.access as Access;
    for (const method of [route.method].flat()) {
      rules.push({ method, url: route.url, access, agencyParam: route.config.agencyParam });
    }
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const access = config.access;
    if (access === undefined) return; // unmatched URL: the 404 handler answers
    request.principal = await resolvePrincipal(request);
    if (access === 'public') return;

    const principal = request.principal;
    if (!principal) throw unauthorized();
    if (principal.mustChangePassword && !config.beforePasswordChange) {
      throw forbidden('Change your first password before doing anything else', 'password_change_required');
    }
    if (access !== 'signed_in' && !access.includes(principal.role)) {
      throw forbidden(`This needs one of the roles: ${access.join(', ')}`);
    }
    if (config.agencyParam && isAgencyRole(principal.role)) {
      const params = request.params as Record<string, string | undefined>;
      if (params[config.agencyParam] !== principal.agencyCode) {
        throw forbidden('Agency staff may only see their own agency', 'other_agency');
      }
    }
  });
}

/** The caller of a route whose access rule already demanded a signed-in user. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
