// Request and response shapes of the administration API (agencies, categories, routing
// overrides, city packs), shared by the server and the staff console.
import Type, { type Static } from 'typebox';
import { Nullable } from './nullable.js';
import { PrioritySchema } from './reference-data.js';

/** Codes appear in URLs and routing rules: the same rule as in city packs. */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
export const Code = Type.String({ pattern: CODE_PATTERN, description: 'Letters, digits, "_", "." and "-"' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const DateTime = Type.String({ format: 'date-time' });

export const AgencyCreate = Type.Object(
  {
    code: Code,
    name_vi: Name,
    name_en: Name,
    parent_code: Type.Optional(Nullable(Code)),
    handles: Type.Array(Code, {
      maxItems: 50,
      uniqueItems: true,
      description: 'Agency kinds it takes (categories.agency_kind)',
    }),
    area_codes: Type.Array(Code, { maxItems: 500, uniqueItems: true, description: 'Areas it covers' }),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type AgencyCreate = Static<typeof AgencyCreate>;

export const AgencyUpdate = Type.Object(
  {
    name_vi: Type.Optional(Name),
    name_en: Type.Optional(Name),
    parent_code: Type.Optional(Nullable(Code)),
    handles: Type.Optional(AgencyCreate.properties.handles),
    area_codes: Type.Optional(AgencyCreate.properties.area_codes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AgencyUpdate = Static<typeof AgencyUpdate>;

export const CategoryUpdate = Type.Object(
  {
    name_vi: Type.Optional(Name),
    name_en: Type.Optional(Name),
    examples_en: Type.Optional(Type.String({ maxLength: 1000 })),
    agency_kind: Type.Optional(Code),
    sla_hours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 8760, description: 'Hours to resolve, counted from assignment' }),
    ),
    default_priority: Type.Optional(PrioritySchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CategoryUpdate = Static<typeof CategoryUpdate>;

const Named = Type.Object({ code: Type.String(), name_vi: Type.String(), name_en: Type.String() });

export const RoutingOverride = Type.Object(
  {
    id: Type.Integer(),
    category: Named,
    area: Named,
    agency: Type.Object({ ...Named.properties, active: Type.Boolean() }),
    note: Type.String({ description: 'Why the city set it, for the next administrator' }),
    created_at: DateTime,
    updated_at: DateTime,
  },
  { description: 'Reports of this category inside this area (and the areas below it) go to this agency' },
);
export type RoutingOverride = Static<typeof RoutingOverride>;

export const RoutingOverrideCreate = Type.Object(
  {
    category: Code,
    area: Code,
    agency: Code,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type RoutingOverrideCreate = Static<typeof RoutingOverrideCreate>;

export const RoutingOverrideUpdate = Type.Object(
  { agency: Type.Optional(Code), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false, minProperties: 1 },
);
export type RoutingOverrideUpdate = Static<typeof RoutingOverrideUpdate>;

/** The files of a city pack, as the multipart parts of an upload are named. */
export const PACK_FILE_NAMES = ['pack.json', 'areas.geojson', 'agencies.json', 'categories.json'] as const;

export const PackManifestView = Type.Object({ code: Type.String(), name: Type.String(), demo: Type.Boolean() });

const Counts = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });
export type PackImportCounts = Static<typeof Counts>;

export const PackImportSummary = Type.Object({
  pack: Type.Object({ ...PackManifestView.properties, checksum: Type.String() }),
  areas: Counts,
  agencies: Counts,
  categories: Counts,
});
export type PackImportSummary = Static<typeof PackImportSummary>;

export const PackValidationReport = Type.Object({
  valid: Type.Boolean(),
  problems: Type.Array(Type.String(), { description: 'Every problem, each naming its file and item' }),
  changes: Nullable(
    Type.Object(
      { ...PackImportSummary.properties },
      { description: 'What an import would change now (valid packs only); nothing was written' },
    ),
  ),
});
export type PackValidationReport = Static<typeof PackValidationReport>;
