// Administration of staff accounts (admins), and an agency's own staff (its admin lists them
// and creates agency staff accounts for that agency alone).
import Type from 'typebox';
import type { Database } from '../../platform/db/index.js';
import type { App } from '../../platform/http/types.js';
import { AgencyStaffCreate, StaffUser, StaffUserCreate, StaffUserUpdate } from '../../shared/accounts.js';
import { auditContextOf } from '../audit/context.js';
import { createStaffUser, getStaffUser, listStaff, updateStaffUser } from './users.js';

const Page = Type.Object({ items: Type.Array(StaffUser), next: Type.Union([Type.String(), Type.Null()]) });
const PageQuery = {
  after: Type.Optional(Type.String({ maxLength: 254, description: 'The `next` of the previous page' })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: { $ref: 'ErrorBody#' }, 404: { $ref: 'ErrorBody#' }, 409: { $ref: 'ErrorBody#' } };

export async function userRoutes(app: App, { db }: { db: Database }) {
  app.get(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Staff accounts',
        querystring: Type.Object(
          {
            agency: Type.Optional(Type.String({ maxLength: 64 })),
            role: Type.Optional(StaffUserCreate.properties.role),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page },
      },
    },
    async (request) => {
      const { agency, role, after, limit } = request.query;
      return listStaff(db, { agencyCode: agency, role, after, limit });
    },
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Create a staff account; its temporary password is shown once and must be changed at first sign-in',
        body: StaffUserCreate,
        response: { 201: Type.Object({ user: StaffUser, temporary_password: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const { email, display_name, role, agency_code } = request.body;
      const created = await createStaffUser(
        db,
        { email, displayName: display_name, role, agencyCode: agency_code },
        auditContextOf(request),
      );
      return reply.status(201).send({ user: created.user, temporary_password: created.temporaryPassword ?? '' });
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'One staff account',
        params: UserId,
        response: { 200: StaffUser, ...errors },
      },
    },
    async (request) => getStaffUser(db, request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['administration'],
        summary: 'Change a staff account: name, role, agency, disabled',
        params: UserId,
        body: StaffUserUpdate,
        response: { 200: StaffUser, ...errors },
      },
    },
    async (request) => updateStaffUser(db, request.params.id, request.body, auditContextOf(request)),
  );

  app.get(
    '/agencies/:code/staff',
    {
      config: { access: ['operator', 'agency_admin', 'admin'], agencyParam: 'code' },
      schema: {
        tags: ['administration'],
        summary: "An agency's staff accounts (an agency admin sees only their own agency)",
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page },
      },
    },
    async (request) =>
      listStaff(db, { agencyCode: request.params.code, after: request.query.after, limit: request.query.limit }),
  );

  app.post(
    '/agencies/:code/staff',
    {
      // the access hook holds an agency admin to their own agency's code
      config: { access: ['agency_admin', 'admin'], agencyParam: 'code' },
      schema: {
        tags: ['administration'],
        summary:
          'Create an agency staff account in this agency (an agency admin: their own agency only); its temporary password is shown once and must be changed at first sign-in',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: AgencyStaffCreate,
        response: { 201: Type.Object({ user: StaffUser, temporary_password: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await createStaffUser(
        db,
        {
          email: request.body.email,
          displayName: request.body.display_name,
          role: 'agency_staff',
          agencyCode: request.params.code,
        },
        auditContextOf(request),
      );
      return reply.status(201).send({ user: created.user, temporary_password: created.temporaryPassword ?? '' });
    },
  );
}
