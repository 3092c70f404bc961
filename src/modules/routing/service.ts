// Routing: which agency a case goes to. First the city's own overrides: the narrowest one set
// for the category over an area holding the location (overrides.ts). Otherwise, among the
// active agencies that handle the category's agency kind, the one covering the case's location
// most narrowly (a ward's police before the city police); when none does, the operations
// center (IOC) triages it by hand. Every decision says why, in Vietnamese and English, as a
// sentence with names (not codes), so that an operator can check it at a glance.
import type { Queryable } from '../../platform/db/index.js';
import { AREA_LOOKUP_SQL } from '../areas/service.js';

/** The agency kind of the operations center, which takes what no other agency does. */
export const IOC_KIND = 'ioc';
/** The operations center's code, when no agency declares the IOC kind. */
export const IOC_CODE = 'ioc';

export interface NamedRef {
  code: string;
  name_vi: string;
  name_en: string;
}

export interface RoutingDecision {
  /** The category routed, as given (null: none yet). */
  category: string | null;
  /** The category's agency kind (null: no category, or an unknown one). */
  agency_kind: string | null;
  /** The agency picked; null only when the city has no operations center at all. */
  agency: (NamedRef & { id: number }) | null;
  /** The area through which the agency covers the location (null when it does not, e.g. outside the city). */
  coverage: (NamedRef & { depth: number; city_wide: boolean }) | null;
  /** The smallest area containing the location (null: outside every area). */
  area: NamedRef | null;
  /** True when no agency of the category's kind covers the location and the IOC takes it. */
  fallback: boolean;
  /** True when an override set by the city picked the agency (coverage is the override's area). */
  by_override: boolean;
  explanation: { vi: string; en: string };
}

interface CoveringAgency {
  id: number;
  code: string;
  name_vi: string;
  name_en: string;
  area_code: string;
  area_name_vi: string;
  area_name_en: string;
  depth: number;
  is_root: boolean;
}

interface RoutingRow {
  /** 'category' or 'ioc': which kind the row answers for. */
  role: 'category' | 'ioc';
  kind: string | null;
  hit_code: string | null;
  hit_name_vi: string | null;
  hit_name_en: string | null;
  category_name_vi: string | null;
  category_name_en: string | null;
  agency: CoveringAgency | null;
  /** The narrowest override for the category over the location's areas (category row only). */
  override: CoveringAgency | null;
}

/**
 * One round trip: the smallest area holding the point ($1, $2 as one-element arrays, the
 * area lookup's own query), that area and its ancestors, and for the category's kind ($3 the
 * category code) and the IOC's kind ($4) the active agency covering one of those areas the
 * most narrowly. Ties at one depth go to the agency code first in order, so that the same
 * report always goes to the same place. For the category, also the override set over the
 * narrowest of those areas whose agency is active (one per category and area: no ties).
 */
const ROUTING_SQL = `
WITH RECURSIVE hit AS (
  ${AREA_LOOKUP_SQL}
), chain AS (
  SELECT a.id, a.parent_id, 0 AS hop FROM areas a WHERE a.id = (SELECT id FROM hit)
  UNION ALL
  -- the hop limit guards against a cycle that pack validation should make impossible
  SELECT a.id, a.parent_id, chain.hop + 1 FROM chain JOIN areas a ON a.id = chain.parent_id WHERE chain.hop < 64
), kinds (role, kind) AS (
  VALUES ('category', (SELECT agency_kind FROM categories WHERE code = $3)), ('ioc', $4::text)
)
SELECT k.role, k.kind, h.code AS hit_code, h.name_vi AS hit_name_vi, h.name_en AS hit_name_en,
       cat.name_vi AS category_name_vi, cat.name_en AS category_name_en,
       to_jsonb(best) AS agency, to_jsonb(chosen) AS override
  FROM kinds k
  LEFT JOIN hit h ON true
  LEFT JOIN categories cat ON cat.code = $3
  LEFT JOIN LATERAL (
    SELECT ag.id, ag.code, ag.name_vi, ag.name_en,
           ar.code AS area_code, ar.name_vi AS area_name_vi, ar.name_en AS area_name_en,
           ar.depth, ar.parent_id IS NULL AS is_root
      FROM agency_areas aa
      JOIN agencies ag ON ag.id = aa.agency_id
      JOIN areas ar ON ar.id = aa.area_id
     WHERE aa.area_id IN (SELECT id FROM chain) AND ag.active AND k.kind = ANY (ag.handles)
     ORDER BY ar.depth DESC, ag.code
     LIMIT 1
  ) best ON true
  LEFT JOIN LATERAL (
    SELECT ag.id, ag.code, ag.name_vi, ag.name_en,
           ar.code AS area_code, ar.name_vi AS area_name_vi, ar.name_en AS area_name_en,
           ar.depth, ar.parent_id IS NULL AS is_root
      FROM routing_overrides ro
      JOIN categories c ON c.id = ro.category_id
      JOIN agencies ag ON ag.id = ro.agency_id
      JOIN areas ar ON ar.id = ro.area_id
     WHERE k.role = 'category' AND c.code = $3 AND ro.area_id IN (SELECT id FROM chain) AND ag.active
     ORDER BY ar.depth DESC
     LIMIT 1
  ) chosen ON true`;

/** The operations center when none covers the point: the agency of the IOC kind, or coded ioc. */
async function anyIocAgency(db: Queryable): Promise<RoutingDecision['agency']> {
  const { rows } = await db.query<NamedRef & { id: number }>(
    `SELECT id, code, name_vi, name_en FROM agencies
      WHERE active AND ($1 = ANY (handles) OR code = $2)
      ORDER BY ($1 = ANY (handles)) DESC, code LIMIT 1`,
    [IOC_KIND, IOC_CODE],
  );
  return rows[0] ?? null;
}

const where = (covering: CoveringAgency) =>
  covering.is_root
    ? { vi: 'toàn thành phố', en: 'city-wide' }
    : { vi: `tại ${covering.area_name_vi}`, en: `in ${covering.area_name_en}` };

interface Said {
  vi: string;
  en: string;
}

/** The agency for a category at a point, with the reason. Never throws for an unknown category. */
export async function routeCase(
  db: Queryable,
  categoryCode: string | null,
  lat: number,
  lon: number,
): Promise<RoutingDecision> {
  const { rows } = await db.query<RoutingRow>(ROUTING_SQL, [[lon], [lat], categoryCode, IOC_KIND]);
  const forCategory = rows.find((row) => row.role === 'category');
  const forIoc = rows.find((row) => row.role === 'ioc');
  const hit = rows[0];
  const area =
    hit?.hit_code != null
      ? { code: hit.hit_code, name_vi: hit.hit_name_vi ?? '', name_en: hit.hit_name_en ?? '' }
      : null;
  const kind = categoryCode === null ? null : (forCategory?.kind ?? null);
  const override = kind === null ? null : (forCategory?.override ?? null);
  const covering = kind === null ? null : (forCategory?.agency ?? null);
  const category: Said = {
    vi: forCategory?.category_name_vi ?? categoryCode ?? '',
    en: forCategory?.category_name_en ?? categoryCode ?? '',
  };

  if (override) {
    const place = where(override);
    return {
      ...decided(categoryCode, kind, override, area),
      by_override: true,
      explanation: {
        vi: `Theo quy tắc do thành phố đặt, phản ánh lĩnh vực “${category.vi}” ${place.vi} được chuyển đến ${override.name_vi}.`,
        en: `By a rule the city set, “${category.en}” reports ${place.en} go to ${override.name_en}.`,
      },
    };
  }

  if (covering) {
    const place = where(covering);
    return {
      ...decided(categoryCode, kind, covering, area),
      by_override: false,
      explanation: {
        vi: `Phản ánh lĩnh vực “${category.vi}” được chuyển đến ${covering.name_vi}, đơn vị phụ trách lĩnh vực này ${place.vi}.`,
        en: `“${category.en}” reports go to ${covering.name_en}, which handles them ${place.en}.`,
      },
    };
  }

  const iocCovering = forIoc?.agency;
  const ioc = iocCovering
    ? { id: iocCovering.id, code: iocCovering.code, name_vi: iocCovering.name_vi, name_en: iocCovering.name_en }
    : await anyIocAgency(db);
  const reason = fallbackReason(categoryCode, category, kind, area !== null);
  const to = ioc
    ? { vi: `${ioc.name_vi} sẽ phân loại thủ công`, en: `${ioc.name_en} triages it by hand` }
    : { vi: 'điều phối viên sẽ phân loại thủ công', en: 'an operator triages it by hand' };
  return {
    category: categoryCode,
    agency_kind: kind,
    agency: ioc,
    coverage: null,
    area,
    fallback: true,
    by_override: false,
    explanation: { vi: `${reason.vi} nên ${to.vi}.`, en: `${reason.en}, so ${to.en}.` },
  };
}

/** A decision for an agency found through one of the areas holding the location. */
function decided(category: string | null, kind: string | null, found: CoveringAgency, area: NamedRef | null) {
  return {
    category,
    agency_kind: kind,
    agency: { id: found.id, code: found.code, name_vi: found.name_vi, name_en: found.name_en },
    coverage: {
      code: found.area_code,
      name_vi: found.area_name_vi,
      name_en: found.area_name_en,
      depth: found.depth,
      city_wide: found.is_root,
    },
    area,
    fallback: false,
  };
}

function fallbackReason(categoryCode: string | null, category: Said, kind: string | null, inside: boolean): Said {
  if (categoryCode === null) return { vi: 'Phản ánh chưa có lĩnh vực', en: 'The report has no category yet' };
  if (kind === null) {
    return { vi: `Lĩnh vực “${categoryCode}” không tồn tại`, en: `There is no category “${categoryCode}”` };
  }
  if (!inside) {
    return {
      vi: 'Vị trí nằm ngoài địa bàn thành phố',
      en: 'The location is outside every area of the city',
    };
  }
  return {
    vi: `Chưa có đơn vị nào phụ trách lĩnh vực “${category.vi}” tại vị trí này`,
    en: `No agency handles “${category.en}” reports at this location`,
  };
}

/** The decision as one line for a case's timeline (the assigned event's explanation). */
export function explanationLine(decision: RoutingDecision): string {
  return `${decision.explanation.vi} | ${decision.explanation.en}`;
}
