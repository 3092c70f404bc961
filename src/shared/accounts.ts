// Request and response shapes of the accounts API, shared by the server and the web app.
import Type, { type Static } from 'typebox';
import { Nullable } from './nullable.js';
import { ROLES } from './roles.js';

export const RoleSchema = Type.Enum(ROLES);

export const SessionType = Type.Union([Type.Literal('cookie'), Type.Literal('bearer')], {
  description: 'cookie for the web app (HttpOnly cookie), bearer for mobile and API clients (token in the answer)',
  default: 'cookie',
});

export const CodeRequest = Type.Object(
  { phone: Type.String({ minLength: 6, maxLength: 25, description: '0905123456, +84905123456 or 84905123456' }) },
  { additionalProperties: false },
);

export const CodeRequested = Type.Object({
  phone: Type.String({ description: 'The number, masked' }),
  expires_in_seconds: Type.Integer(),
});

export const CodeSignIn = Type.Object(
  {
    phone: Type.String({ minLength: 6, maxLength: 25 }),
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code sent by SMS' }),
    session_type: Type.Optional(SessionType),
  },
  { additionalProperties: false },
);

export const PasswordSignIn = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    session_type: Type.Optional(SessionType),
  },
  { additionalProperties: false },
);

export const PasswordChange = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: 200 }),
    new_password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  role: RoleSchema,
  display_name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'Your own number, in full' })),
  agency: Nullable(Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() })),
  must_change_password: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const SignedIn = Type.Object({
  user: Me,
  session_id: Type.String({ format: 'uuid' }),
  expires_at: Type.String({ format: 'date-time' }),
  token: Type.Optional(Type.String({ description: 'Bearer token (session_type bearer only); shown once' })),
});

export const Session = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('cookie'), Type.Literal('bearer')]),
  label: Type.String(),
  ip: Nullable(Type.String()),
  user_agent: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  last_used_at: Type.String({ format: 'date-time' }),
  expires_at: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
});

export const TokenCreate = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100 }),
    expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 90 })),
  },
  { additionalProperties: false },
);

export const StaffUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  role: RoleSchema,
  email: Nullable(Type.String()),
  display_name: Type.String(),
  agency_code: Nullable(Type.String()),
  must_change_password: Type.Boolean(),
  disabled: Type.Boolean(),
  last_sign_in_at: Nullable(Type.String({ format: 'date-time' })),
  created_at: Type.String({ format: 'date-time' }),
});
export type StaffUser = Static<typeof StaffUser>;

export const StaffUserCreate = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    display_name: Type.String({ minLength: 1, maxLength: 120 }),
    role: Type.Union([
      Type.Literal('operator'),
      Type.Literal('agency_staff'),
      Type.Literal('agency_admin'),
      Type.Literal('admin'),
    ]),
    agency_code: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const StaffUserUpdate = Type.Object(
  {
    display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(StaffUserCreate.properties.role),
    agency_code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** An agency's own new staff member: the agency is the route's, the role agency staff. */
export const AgencyStaffCreate = Type.Object(
  {
    email: StaffUserCreate.properties.email,
    display_name: StaffUserCreate.properties.display_name,
  },
  { additionalProperties: false },
);

/** The shortest password the server accepts (the staff console says so before asking). */
export const MIN_PASSWORD_LENGTH = 10;
/** "aaaaaaaaaa" is long enough but guessed at once: a password needs this many different characters. */
export const MIN_PASSWORD_DISTINCT_CHARACTERS = 5;
