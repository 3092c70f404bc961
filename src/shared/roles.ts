// Roles, shared by the server and the web app.
export const ROLES = ['citizen', 'operator', 'agency_staff', 'agency_admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['operator', 'agency_staff', 'agency_admin', 'admin'];
export const AGENCY_ROLES: readonly Role[] = ['agency_staff', 'agency_admin'];

export const isAgencyRole = (role: Role): boolean => AGENCY_ROLES.includes(role);
