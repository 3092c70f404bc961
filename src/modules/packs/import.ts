// Imports a validated city pack in one transaction. Rows are upserted by code and only
// written when a value differs, so re-importing the same pack changes nothing (no
// updated_at moves, no trigger fires) and a changed pack touches only what changed.
//
// Areas and agencies that are in the database but not in the pack are kept, not deleted:
// reports, accounts and history refer to them, and a pack may cover only part of a city.
import type { Database, Queryable } from '../../platform/db/index.js';
import { type AuditContext, recordAudit } from '../audit/service.js';
import { geometryParts, polygonLiteral } from './geometry.js';
import { type LoadedPack, loadPack } from './load.js';
import {
  type ExistingReferenceData,
  type PackAgency,
  type PackArea,
  type PackCategory,
  type PackManifest,
  validatePack,
} from './validate.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  pack: PackManifest & { checksum: string };
  areas: ImportCounts;
  agencies: ImportCounts;
  categories: ImportCounts;
}

/** Two imports at once (two servers starting on an empty database) run one after the other. */
const PACK_IMPORT_LOCK_KEY = 7_021_002;

/**
 * Validates the pack in dir and imports it; throws PackInvalidError, with every problem and
 * before writing anything, when the pack is not right.
 */
export async function importCityPack(db: Database, dir: string): Promise<ImportReport> {
  return importLoadedPack(db, await loadPack(dir));
}

/** Rolls back a dry run's transaction, carrying what the import would have done. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Validates a loaded pack and imports it in one transaction (with its audit entry when an
 * audit context is given). With dryRun, the import runs and is rolled back: the report says
 * what an import would change now, and nothing is written.
 */
export async function importLoadedPack(
  db: Database,
  loaded: LoadedPack,
  { dryRun = false, audit }: { dryRun?: boolean; audit?: AuditContext } = {},
): Promise<ImportReport> {
  const run = db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PACK_IMPORT_LOCK_KEY]);
    // Read inside the transaction, so that what was validated is what is written over.
    const pack = validatePack(loaded, await readExisting(tx));
    const areas = await upsertAreas(tx, pack.areas);
    const agencies = await upsertAgencies(tx, pack.agencies);
    const categories = await upsertCategories(tx, pack.categories);
    await tx.query(
      `INSERT INTO city_packs AS p (code, name, demo, checksum) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, demo = EXCLUDED.demo, checksum = EXCLUDED.checksum
       WHERE (p.name, p.demo, p.checksum) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.demo, EXCLUDED.checksum)`,
      [pack.manifest.code, pack.manifest.name, pack.manifest.demo, pack.checksum],
    );
    const report = { pack: { ...pack.manifest, checksum: pack.checksum }, areas, agencies, categories };
    if (dryRun) throw new DryRunDone(report);
    if (audit) {
      await recordAudit(tx, audit, {
        action: 'pack.imported',
        targetType: 'city_pack',
        targetId: report.pack.code,
        details: { ...report },
      });
    }
    return report;
  });
  return run.catch((error: unknown) => {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  });
}

async function readExisting(tx: Queryable): Promise<ExistingReferenceData> {
  const areas = await tx.query<{ code: string; parent_code: string | null }>(
    'SELECT a.code, p.code AS parent_code FROM areas a LEFT JOIN areas p ON p.id = a.parent_id',
  );
  const agencies = await tx.query<{ code: string; parent_code: string | null; handles: string[]; active: boolean }>(
    'SELECT a.code, p.code AS parent_code, a.handles, a.active FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id',
  );
  return {
    areaParents: new Map(areas.rows.map((row) => [row.code, row.parent_code])),
    agencyParents: new Map(agencies.rows.map((row) => [row.code, row.parent_code])),
    // A deactivated agency handles nothing: a category cannot count on it.
    agencyHandles: new Map(agencies.rows.filter((row) => row.active).map((row) => [row.code, row.handles])),
  };
}

interface UpsertOutcome {
  code: string;
  id: number;
  created: boolean;
  updated: boolean;
}

const count = (outcomes: readonly { created: boolean; updated: boolean }[]): ImportCounts => {
  const created = outcomes.filter((o) => o.created).length;
  const updated = outcomes.filter((o) => o.updated).length;
  return { created, updated, unchanged: outcomes.length - created - updated };
};

/** Items grouped by depth, shallowest first: each batch finds its parents written by the one before. */
function byDepth<T extends { depth: number }>(items: readonly T[]): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(item.depth, [...(groups.get(item.depth) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

async function upsertAreas(tx: Queryable, areas: readonly PackArea[]): Promise<ImportCounts> {
  const outcomes: UpsertOutcome[] = [];
  for (const batch of byDepth(areas)) {
    const input = batch.map((area, ord) => ({
      ord,
      code: area.code,
      name_vi: area.name_vi,
      name_en: area.name_en,
      kind: area.kind,
      level: area.level,
      parent_code: area.parent_code,
      depth: area.depth,
      center_lon: area.center?.lon ?? null,
      center_lat: area.center?.lat ?? null,
      approximate: area.approximate,
      properties: area.properties,
      geometry: area.geometry,
    }));
    // `old` sees the rows as they were before this statement, which tells created from
    // updated and whether the boundary changed; `upserted` returns only rows really written.
    const { rows } = await tx.query<UpsertOutcome & { geometry_changed: boolean }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
           ord integer, code text, name_vi text, name_en text, kind text, level integer, parent_code text, depth integer,
           center_lon double precision, center_lat double precision, approximate boolean,
           properties jsonb, geometry jsonb)
       ),
       old AS (SELECT a.id, a.code, a.geometry FROM areas a JOIN input USING (code)),
       upserted AS (
         INSERT INTO areas AS a (code, name_vi, name_en, kind, level, parent_id, depth, center_lon, center_lat,
                                 approximate, properties, geometry)
         SELECT i.code, i.name_vi, i.name_en, i.kind, i.level, p.id, i.depth, i.center_lon, i.center_lat,
                i.approximate, i.properties, i.geometry
         FROM input i LEFT JOIN areas p ON p.code = i.parent_code
         ORDER BY i.ord -- new rows get ids in the order of the file
         ON CONFLICT (code) DO UPDATE SET
           name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind, level = EXCLUDED.level,
           parent_id = EXCLUDED.parent_id, depth = EXCLUDED.depth, center_lon = EXCLUDED.center_lon,
           center_lat = EXCLUDED.center_lat, approximate = EXCLUDED.approximate, properties = EXCLUDED.properties,
           geometry = EXCLUDED.geometry
         WHERE (a.name_vi, a.name_en, a.kind, a.level, a.parent_id, a.depth, a.center_lon, a.center_lat,
                a.approximate, a.properties, a.geometry)
           IS DISTINCT FROM (EXCLUDED.name_vi, EXCLUDED.name_en, EXCLUDED.kind, EXCLUDED.level, EXCLUDED.parent_id,
                EXCLUDED.depth, EXCLUDED.center_lon, EXCLUDED.center_lat, EXCLUDED.approximate, EXCLUDED.properties,
                EXCLUDED.geometry)
         RETURNING a.id, a.code
       )
       SELECT i.code, COALESCE(u.id, o.id) AS id, o.id IS NULL AS created,
              (o.id IS NOT NULL AND u.id IS NOT NULL) AS updated,
              o.geometry IS DISTINCT FROM i.geometry AS geometry_changed
       FROM input i LEFT JOIN upserted u USING (code) LEFT JOIN old o USING (code)`,
      [JSON.stringify(input)],
    );
    const changed = rows.filter((row) => row.geometry_changed);
    await replaceRings(tx, changed, new Map(batch.map((area) => [area.code, area])));
    outcomes.push(...rows);
  }
  await refreshDepths(tx);
  return count(outcomes);
}

/** One area_rings row per ring, rewritten only for areas whose boundary changed. */
async function replaceRings(
  tx: Queryable,
  changed: readonly { id: number; code: string }[],
  areas: ReadonlyMap<string, PackArea>,
): Promise<void> {
  if (changed.length === 0) return;
  const rings = changed.flatMap(({ id, code }) => {
    const area = areas.get(code) as PackArea;
    return geometryParts(area.geometry).flatMap((part, partIndex) =>
      part.map((ring, ringIndex) => ({ area_id: id, part: partIndex, ring: ringIndex, shape: polygonLiteral(ring) })),
    );
  });
  await tx.query('DELETE FROM area_rings WHERE area_id = ANY($1::bigint[])', [changed.map((row) => row.id)]);
  await tx.query(
    `INSERT INTO area_rings (area_id, part, ring, is_hole, shape)
     SELECT x.area_id, x.part, x.ring, x.ring > 0, x.shape::polygon
     FROM jsonb_to_recordset($1::jsonb) AS x(area_id bigint, part integer, ring integer, shape text)`,
    [JSON.stringify(rings)],
  );
}

/**
 * Areas kept from earlier imports may hang below an area whose depth the pack changed; their
 * depth follows. Only rows whose depth differs are written.
 */
async function refreshDepths(tx: Queryable): Promise<void> {
  await tx.query(
    `WITH RECURSIVE tree AS (
       SELECT id, 0 AS depth FROM areas WHERE parent_id IS NULL
       UNION ALL
       SELECT c.id, t.depth + 1 FROM areas c JOIN tree t ON c.parent_id = t.id
     )
     UPDATE areas a SET depth = tree.depth FROM tree WHERE a.id = tree.id AND a.depth <> tree.depth`,
  );
}

async function upsertAgencies(tx: Queryable, agencies: readonly PackAgency[]): Promise<ImportCounts> {
  const outcomes: UpsertOutcome[] = [];
  for (const batch of byDepth(agencies)) {
    const input = batch.map(({ code, name_vi, name_en, parent_code, handles }, ord) => ({
      ord,
      code,
      name_vi,
      name_en,
      parent_code,
      handles,
    }));
    const { rows } = await tx.query<UpsertOutcome>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(ord integer, code text, name_vi text, name_en text,
                                                          parent_code text, handles text[])
       ),
       old AS (SELECT a.id, a.code FROM agencies a JOIN input USING (code)),
       upserted AS (
         INSERT INTO agencies AS a (code, name_vi, name_en, parent_id, handles)
         SELECT i.code, i.name_vi, i.name_en, p.id, i.handles
         FROM input i LEFT JOIN agencies p ON p.code = i.parent_code
         ORDER BY i.ord
         ON CONFLICT (code) DO UPDATE SET
           name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, parent_id = EXCLUDED.parent_id,
           handles = EXCLUDED.handles
         WHERE (a.name_vi, a.name_en, a.parent_id, a.handles)
           IS DISTINCT FROM (EXCLUDED.name_vi, EXCLUDED.name_en, EXCLUDED.parent_id, EXCLUDED.handles)
         RETURNING a.id, a.code
       )
       SELECT i.code, COALESCE(u.id, o.id) AS id, o.id IS NULL AS created,
              (o.id IS NOT NULL AND u.id IS NOT NULL) AS updated
       FROM input i LEFT JOIN upserted u USING (code) LEFT JOIN old o USING (code)`,
      [JSON.stringify(input)],
    );
    outcomes.push(...rows);
  }
  const areasChanged = await replaceAgencyAreas(tx, agencies, outcomes);
  // An agency whose covered areas changed was updated, even if its own row was not.
  return count(outcomes.map((o) => ({ ...o, updated: o.updated || (!o.created && areasChanged.has(o.code)) })));
}

/** Rewrites the covered areas of the agencies whose list differs; returns their codes. */
async function replaceAgencyAreas(
  tx: Queryable,
  agencies: readonly PackAgency[],
  outcomes: readonly UpsertOutcome[],
): Promise<Set<string>> {
  const ids = new Map(outcomes.map((o) => [o.code, o.id]));
  const { rows } = await tx.query<{ code: string; area_codes: string[] }>(
    `SELECT ag.code, array_agg(ar.code ORDER BY ar.code) AS area_codes
     FROM agencies ag JOIN agency_areas aa ON aa.agency_id = ag.id JOIN areas ar ON ar.id = aa.area_id
     WHERE ag.code = ANY($1::text[]) GROUP BY ag.code`,
    [agencies.map((agency) => agency.code)],
  );
  const current = new Map(rows.map((row) => [row.code, row.area_codes.join('\n')]));
  const changed = agencies.filter(
    (agency) => [...agency.area_codes].sort().join('\n') !== (current.get(agency.code) ?? ''),
  );
  if (changed.length === 0) return new Set();

  await tx.query('DELETE FROM agency_areas WHERE agency_id = ANY($1::bigint[])', [
    changed.map((agency) => ids.get(agency.code)),
  ]);
  const links = changed.flatMap((agency) =>
    agency.area_codes.map((area) => ({ agency_id: ids.get(agency.code), area_code: area })),
  );
  await tx.query(
    `INSERT INTO agency_areas (agency_id, area_id)
     SELECT x.agency_id, ar.id FROM jsonb_to_recordset($1::jsonb) AS x(agency_id bigint, area_code text)
     JOIN areas ar ON ar.code = x.area_code`,
    [JSON.stringify(links)],
  );
  return new Set(changed.map((agency) => agency.code));
}

async function upsertCategories(tx: Queryable, categories: readonly PackCategory[]): Promise<ImportCounts> {
  const { rows } = await tx.query<Omit<UpsertOutcome, 'id'>>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(code text, name_vi text, name_en text, examples_en text,
                                                        agency_kind text, sla_hours integer, default_priority text,
                                                        sort_order integer, attributes jsonb)
     ),
     old AS (SELECT c.id, c.code FROM categories c JOIN input USING (code)),
     upserted AS (
       INSERT INTO categories AS c (code, name_vi, name_en, examples_en, agency_kind, sla_hours, default_priority,
                                    sort_order, attributes)
       SELECT code, name_vi, name_en, examples_en, agency_kind, sla_hours, default_priority, sort_order, attributes
         FROM input
       ORDER BY sort_order
       ON CONFLICT (code) DO UPDATE SET
         name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, examples_en = EXCLUDED.examples_en,
         agency_kind = EXCLUDED.agency_kind, sla_hours = EXCLUDED.sla_hours,
         default_priority = EXCLUDED.default_priority, sort_order = EXCLUDED.sort_order,
         attributes = EXCLUDED.attributes
       WHERE (c.name_vi, c.name_en, c.examples_en, c.agency_kind, c.sla_hours, c.default_priority, c.sort_order,
              c.attributes)
         IS DISTINCT FROM (EXCLUDED.name_vi, EXCLUDED.name_en, EXCLUDED.examples_en, EXCLUDED.agency_kind,
                           EXCLUDED.sla_hours, EXCLUDED.default_priority, EXCLUDED.sort_order, EXCLUDED.attributes)
       RETURNING c.code
     )
     SELECT i.code, o.id IS NULL AS created, (o.id IS NOT NULL AND u.code IS NOT NULL) AS updated
     FROM input i LEFT JOIN upserted u USING (code) LEFT JOIN old o USING (code)`,
    [JSON.stringify(categories)],
  );
  return count(rows);
}
