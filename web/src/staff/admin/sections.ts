// The topics of administration and who may open each: the system admin all of them, an
// agency admin only their own agency's staff list (what the server lets them read).
import type { Role } from '../../../../src/shared/roles';

export interface AdminSection {
  path: string;
  /** Key of its name in admin.json (menu.*). */
  label: string;
  roles: readonly Role[];
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: 'agencies', label: 'agencies', roles: ['admin'] },
  { path: 'users', label: 'users', roles: ['admin', 'agency_admin'] },
  { path: 'categories', label: 'categories', roles: ['admin'] },
  { path: 'routing', label: 'routing', roles: ['admin'] },
  { path: 'pack', label: 'pack', roles: ['admin'] },
  { path: 'api-clients', label: 'apiClients', roles: ['admin'] },
  { path: 'audit', label: 'audit', roles: ['admin'] },
];

export const sectionsFor = (role: Role) => ADMIN_SECTIONS.filter((section) => section.roles.includes(role));
