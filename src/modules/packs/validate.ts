// Validates a loaded city pack as a whole, before anything is written: either every file is
// right and the result is typed, or PackInvalidError lists every problem found, each naming
// its file and item, so that a city's GIS office can fix them all in one round.
import { AppError } from '../../platform/errors.js';
import { type CategoryAttribute, PRIORITIES } from '../../shared/reference-data.js';
import { readAttributes } from './attributes.js';
import { FieldReader, isJsonObject, type JsonObject, reportDuplicates } from './fields.js';
import { type AreaGeometry, checkGeometry } from './geometry.js';
import type { LoadedPack } from './load.js';
import { englishAreaName } from './names.js';
import { resolveTree } from './tree.js';

export class PackInvalidError extends AppError {
  constructor(
    dir: string,
    readonly problems: string[],
  ) {
    super(422, 'pack_invalid', `The city pack in ${dir} has ${problems.length} problem(s); nothing was imported`, {
      problems,
    });
    this.name = 'PackInvalidError';
  }
}

export interface PackManifest {
  code: string;
  name: string;
  demo: boolean;
}

export interface PackArea {
  code: string;
  name_vi: string;
  name_en: string;
  kind: string;
  level: number;
  parent_code: string | null;
  depth: number;
  center: { lon: number; lat: number } | null;
  approximate: boolean;
  /** The feature's other properties (merged_from, ...), kept as given. */
  properties: JsonObject;
  geometry: AreaGeometry;
}

export interface PackAgency {
  code: string;
  name_vi: string;
  name_en: string;
  parent_code: string | null;
  handles: string[];
  area_codes: string[];
  depth: number;
}

export interface PackCategory {
  code: string;
  name_vi: string;
  name_en: string;
  examples_en: string;
  agency_kind: string;
  sla_hours: number;
  default_priority: string;
  /** Position in categories.json: the order in which people are offered the categories. */
  sort_order: number;
  /** Details asked of a report (Open311 service attributes). */
  attributes: CategoryAttribute[];
}

export interface ValidPack {
  manifest: PackManifest;
  checksum: string;
  /** Parents before children, so each insert finds its parent's row. */
  areas: PackArea[];
  agencies: PackAgency[];
  categories: PackCategory[];
}

/** What the database already holds that a pack may refer to. */
export interface ExistingReferenceData {
  areaParents: ReadonlyMap<string, string | null>;
  agencyParents: ReadonlyMap<string, string | null>;
  agencyHandles: ReadonlyMap<string, readonly string[]>;
}

export const EMPTY_DATABASE: ExistingReferenceData = {
  areaParents: new Map(),
  agencyParents: new Map(),
  agencyHandles: new Map(),
};

/** Feature properties stored in their own columns; the others go to areas.properties. */
const AREA_COLUMNS = new Set(['code', 'name', 'name_en', 'level', 'parent_code', 'kind', 'center', 'approximate']);

export function validatePack(loaded: LoadedPack, existing: ExistingReferenceData): ValidPack {
  const problems = [...loaded.problems];
  const { files } = loaded;
  const manifest = readManifest(files.manifest.parsed ? files.manifest.json : undefined, loaded.dirName, problems);
  const areas = files.areas.parsed ? readAreas(files.areas.json, existing, problems) : null;
  const areaCodes = areas && new Set([...existing.areaParents.keys(), ...areas.codes]);
  const agencies = files.agencies.parsed ? readAgencies(files.agencies.json, existing, areaCodes, problems) : null;
  const categories = files.categories.parsed ? readCategories(files.categories.json, problems) : null;

  if (agencies && categories) {
    // Agencies of the database that the pack does not redefine keep handling their kinds.
    const handled = new Set(agencies.handled);
    for (const [code, kinds] of existing.agencyHandles) {
      if (!agencies.codes.has(code)) for (const kind of kinds) handled.add(kind);
    }
    for (const category of categories) {
      if (!handled.has(category.agency_kind)) {
        problems.push(
          `categories.json: category ${category.sort_order} (code ${category.code}): no agency handles its agency_kind "${category.agency_kind}"`,
        );
      }
    }
  }

  if (problems.length > 0 || !areas || !agencies || !categories) throw new PackInvalidError(loaded.dir, problems);
  return {
    manifest,
    checksum: loaded.checksum,
    areas: [...areas.valid].sort((a, b) => a.depth - b.depth),
    agencies: [...agencies.valid].sort((a, b) => a.depth - b.depth),
    categories,
  };
}

function readManifest(json: unknown, dirName: string, problems: string[]): PackManifest {
  if (json === undefined) return { code: dirName, name: dirName, demo: false };
  if (!isJsonObject(json)) {
    problems.push('pack.json: must be an object like {"code": "hue", "name": "Huế", "demo": false}');
    return { code: dirName, name: dirName, demo: false };
  }
  const fields = new FieldReader(json, 'pack.json', problems);
  return {
    code: fields.code('code') ?? dirName,
    name: fields.text('name') ?? dirName,
    demo: fields.boolean('demo', false),
  };
}

/** The items of a list held in a property of the file's top object, or null after a problem. */
function listIn(json: unknown, file: string, property: string, problems: string[]): unknown[] | null {
  const list = isJsonObject(json) ? json[property] : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(`${file}: must be an object whose "${property}" is a non-empty list`);
    return null;
  }
  return list;
}

/**
 * What a file declares even when some of its items are broken: the codes (and, for agencies,
 * the kinds handled) of every item that has them. Checks across files use these, so that one
 * broken item yields its own problems and not a second wave of "unknown code" ones.
 */
interface FileItems<T> {
  valid: T[];
  codes: Set<string>;
}

type AreaDraft = Omit<PackArea, 'depth' | 'level'> & { level: number | null };

function readAreas(json: unknown, existing: ExistingReferenceData, problems: string[]): FileItems<PackArea> | null {
  const file = 'areas.geojson';
  if (isJsonObject(json) && json.type !== 'FeatureCollection') {
    problems.push(`${file}: type must be "FeatureCollection" (got ${JSON.stringify(json.type)})`);
    return null;
  }
  const features = listIn(json, file, 'features', problems);
  if (!features) return null;

  const entries: Array<{ index: number; where: string; code: string; parent: string | null; area: AreaDraft | null }> =
    [];
  features.forEach((feature, index) => {
    let where = `${file}: feature ${index}`;
    if (!isJsonObject(feature) || feature.type !== 'Feature' || !isJsonObject(feature.properties)) {
      problems.push(`${where}: must be a GeoJSON Feature with properties`);
      return;
    }
    const props = feature.properties;
    const fields = new FieldReader(props, where, problems);
    const code = fields.code('code');
    if (code !== null) {
      where = `${where} (code ${code})`;
      fields.nameItem(where);
    }
    const name = fields.text('name');
    const nameEn = fields.optionalText('name_en');
    const kind = fields.text('kind');
    const parent = fields.optionalCode('parent_code');
    // The administrative level is optional: without it, the depth in the tree plus one.
    const level =
      props.level === undefined || props.level === null ? null : fields.integer('level', 0, 'a whole number');
    const center = readCenter(props.center, fields);
    const approximate = fields.boolean('approximate', false);
    // optional; kept with the area's other properties (demo data spreads reports by it)
    if (props.population !== undefined) fields.integer('population', 0, 'a whole number of people');
    const geometry = checkGeometry(feature.geometry);
    for (const problem of geometry.problems) problems.push(`${where}: ${problem}`);
    if (code === null) return;
    const shape = geometry.geometry;
    entries.push({
      index,
      where,
      code,
      parent,
      area:
        name !== null && kind !== null && center !== undefined && shape !== null
          ? {
              code,
              name_vi: name,
              name_en: nameEn ?? englishAreaName(name),
              kind,
              level,
              parent_code: parent,
              center,
              approximate,
              properties: Object.fromEntries(Object.entries(props).filter(([key]) => !AREA_COLUMNS.has(key))),
              geometry: shape,
            }
          : null,
    });
  });

  reportDuplicates(file, 'features', entries, problems);
  const depths = resolveTree(entries, existing.areaParents, 'an area', problems);
  const valid = entries.flatMap(({ area }) => {
    if (!area) return [];
    const depth = depths.get(area.code) ?? 0;
    return [{ ...area, depth, level: area.level ?? depth + 1 }];
  });
  return { valid, codes: new Set(entries.map((entry) => entry.code)) };
}

function readCenter(value: unknown, fields: FieldReader): { lon: number; lat: number } | null | undefined {
  if (value === undefined || value === null) return null;
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90;
  if (!ok) {
    fields.problem(`center must be [lon, lat] within -180..180 and -90..90 (got ${JSON.stringify(value)})`);
    return undefined;
  }
  return { lon: value[0] as number, lat: value[1] as number };
}

function readAgencies(
  json: unknown,
  existing: ExistingReferenceData,
  areaCodes: ReadonlySet<string> | null,
  problems: string[],
): (FileItems<PackAgency> & { handled: Set<string> }) | null {
  const file = 'agencies.json';
  const list = listIn(json, file, 'agencies', problems);
  if (!list) return null;

  type Draft = Omit<PackAgency, 'depth'>;
  const entries: Array<{ index: number; where: string; code: string; parent: string | null; agency: Draft | null }> =
    [];
  const handled = new Set<string>();
  list.forEach((item, index) => {
    let where = `${file}: agency ${index}`;
    if (!isJsonObject(item)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const fields = new FieldReader(item, where, problems);
    const code = fields.code('code');
    if (code !== null) {
      where = `${where} (code ${code})`;
      fields.nameItem(where);
    }
    const nameVi = fields.text('name_vi');
    const nameEn = fields.text('name_en');
    const parent = fields.optionalCode('parent');
    const handles = fields.codeList('handles');
    const areas = fields.codeList('areas');
    // Without a readable areas.geojson, its codes are unknown: that file's problems say why.
    for (const area of areas ?? []) {
      if (areaCodes && !areaCodes.has(area))
        fields.problem(`area "${area}" is not an area of the pack or of the database`);
    }
    for (const kind of handles ?? []) handled.add(kind);
    if (code === null) return;
    entries.push({
      index,
      where,
      code,
      parent,
      agency:
        nameVi !== null && nameEn !== null && handles !== null && areas !== null
          ? { code, name_vi: nameVi, name_en: nameEn, parent_code: parent, handles, area_codes: areas }
          : null,
    });
  });

  reportDuplicates(file, 'agencies', entries, problems);
  const depths = resolveTree(entries, existing.agencyParents, 'an agency', problems);
  const valid = entries.flatMap(({ agency }) => (agency ? [{ ...agency, depth: depths.get(agency.code) ?? 0 }] : []));
  return { valid, codes: new Set(entries.map((entry) => entry.code)), handled };
}

function readPriorities(json: JsonObject, problems: string[]): readonly string[] {
  const value = json.priorities;
  if (value === undefined) return PRIORITIES;
  const known: readonly string[] = PRIORITIES;
  if (!Array.isArray(value) || value.length === 0 || !value.every((p) => typeof p === 'string' && known.includes(p))) {
    problems.push(`categories.json: priorities must be a non-empty list drawn from ${PRIORITIES.join(', ')}`);
    return PRIORITIES;
  }
  return value as string[];
}

function readCategories(json: unknown, problems: string[]): PackCategory[] | null {
  const file = 'categories.json';
  const list = listIn(json, file, 'categories', problems);
  if (!list || !isJsonObject(json)) return null;
  const priorities = readPriorities(json, problems);

  const read: Array<PackCategory & { index: number }> = [];
  list.forEach((item, index) => {
    let where = `${file}: category ${index}`;
    if (!isJsonObject(item)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const fields = new FieldReader(item, where, problems);
    const code = fields.code('code');
    if (code !== null) {
      where = `${where} (code ${code})`;
      fields.nameItem(where);
    }
    const nameVi = fields.text('vi');
    const nameEn = fields.text('en');
    const examples = fields.optionalText('examples_en') ?? '';
    const agencyKind = fields.code('agency_kind');
    const slaHours = fields.integer('sla_hours', 1, 'a positive whole number of hours');
    const priority = fields.text('default_priority');
    if (priority !== null && !priorities.includes(priority)) {
      fields.problem(`default_priority "${priority}" is not one of the priorities (${priorities.join(', ')})`);
      return;
    }
    const attributes = readAttributes(item.attributes, where, problems);
    if (code === null || nameVi === null || nameEn === null || agencyKind === null) return;
    if (slaHours === null || priority === null || attributes === null) return;
    read.push({
      index,
      code,
      name_vi: nameVi,
      name_en: nameEn,
      examples_en: examples,
      agency_kind: agencyKind,
      sla_hours: slaHours,
      default_priority: priority,
      sort_order: index,
      attributes,
    });
  });
  reportDuplicates(file, 'categories', read, problems);
  return read.map(({ index: _index, ...category }) => category);
}
