// The city's reference data as the API returns it: areas, agencies and report categories.
// Shared by the server (response schemas) and the web app (types).
import Type, { type Static, type TSchema } from 'typebox';
import { Nullable } from './nullable.js';

/** Report priorities, lowest first; the database enforces the same list. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = Type.Enum(PRIORITIES);

export const LonLat = Type.Object(
  { lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { description: 'WGS 84 position' },
);
export type LonLat = Static<typeof LonLat>;

export const AreaGeometry = Type.Object(
  {
    type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
    coordinates: Type.Array(Type.Unknown(), {
      description: 'GeoJSON coordinates: rings of [lon, lat] (Polygon), or parts made of such rings (MultiPolygon)',
    }),
  },
  { description: 'GeoJSON boundary as imported from the city pack' },
);
export type AreaGeometry = Static<typeof AreaGeometry>;

const areaFields = {
  code: Type.String({ description: 'Stable code of the unit, e.g. the national administrative code' }),
  name_vi: Type.String({ description: 'Vietnamese name, e.g. Phường Phú Xuân' }),
  name_en: Type.String({ description: 'English name, e.g. Phu Xuan Ward' }),
  kind: Type.String({ description: 'Kind of unit, e.g. city, ward, commune' }),
  level: Type.Integer({ description: 'Administrative level (1 province or centrally-run city, 2 ward or commune)' }),
  parent_code: Nullable(Type.String()),
  depth: Type.Integer({ minimum: 0, description: 'Depth in the tree of areas, the root being 0' }),
  center: Nullable(LonLat),
  approximate: Type.Boolean({ description: 'The boundary is an approximation: trust it well inside, not at the edge' }),
};

export const Area = Type.Object(
  { ...areaFields, geometry: Type.Optional(AreaGeometry) },
  { description: 'An administrative area; geometry only when asked for' },
);
export type Area = Static<typeof Area>;

export const AreaSummary = Type.Object(areaFields, { description: 'An administrative area without its boundary' });
export type AreaSummary = Static<typeof AreaSummary>;

export const AreaDetail = Type.Object(
  {
    ...areaFields,
    geometry: AreaGeometry,
    properties: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Other properties from the pack, e.g. merged_from: the units merged into this one',
    }),
    ancestors: Type.Array(AreaSummary, { description: 'The areas above this one, from the root down' }),
  },
  { description: 'One area with its boundary and ancestors' },
);
export type AreaDetail = Static<typeof AreaDetail>;

export const AreaLookup = Type.Object(
  {
    area: AreaSummary,
    ancestors: Type.Array(AreaSummary, { description: 'The areas above it, from the root down' }),
  },
  { description: 'The smallest area containing a point' },
);
export type AreaLookup = Static<typeof AreaLookup>;

export const Agency = Type.Object(
  {
    code: Type.String(),
    name_vi: Type.String(),
    name_en: Type.String(),
    parent_code: Nullable(Type.String()),
    handles: Type.Array(Type.String(), { description: 'Agency kinds it takes (categories.agency_kind)' }),
    area_codes: Type.Array(Type.String(), { description: 'Areas it covers' }),
    active: Type.Boolean(),
  },
  { description: 'A public body or operator that acts on reports' },
);
export type Agency = Static<typeof Agency>;

/** The kinds of value a category attribute takes: Open311 GeoReport v2's datatypes. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export const CategoryAttribute = Type.Object(
  {
    code: Type.String(),
    datatype: Type.Enum(ATTRIBUTE_DATATYPES),
    required: Type.Boolean(),
    order: Type.Integer({ minimum: 1, description: 'Position in the form, first is 1' }),
    description_vi: Type.String({ description: 'The question, as the form asks it' }),
    description_en: Type.String(),
    datatype_description_vi: Nullable(Type.String({ description: 'How to answer, e.g. the format expected' })),
    datatype_description_en: Nullable(Type.String()),
    values: Type.Array(Type.Object({ key: Type.String(), name_vi: Type.String(), name_en: Type.String() }), {
      description: 'The choices of a singlevaluelist or multivaluelist (empty otherwise)',
    }),
  },
  { description: 'A detail a category asks of a report (an Open311 service attribute)' },
);
export type CategoryAttribute = Static<typeof CategoryAttribute>;

export const Category = Type.Object(
  {
    code: Type.String(),
    name_vi: Type.String(),
    name_en: Type.String(),
    examples_en: Type.String({ description: 'Typical problems of this category, comma-separated' }),
    agency_kind: Type.String({ description: 'Kind of agency that handles it' }),
    sla_hours: Type.Integer({ minimum: 1, description: 'Hours to resolve, counted from assignment' }),
    default_priority: PrioritySchema,
    active: Type.Boolean(),
    attributes: Type.Array(CategoryAttribute, { description: 'Details asked of a report, in their order' }),
  },
  { description: 'A category of citizen report' },
);
export type Category = Static<typeof Category>;

/** List answers are wrapped, so that paging or totals can be added without breaking clients. */
export const ItemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
