// Routing's advice for the staff's views, kept between requests. A decision depends on the
// category, the smallest area holding the place (the case's area) and the city's routing
// data, whose version the database keeps (migration 0016): each request reads the version
// once, and decisions kept under another version are dropped.
import { prepared, type Queryable } from '../../platform/db/index.js';
import { type RoutingDecision, routeCase } from './service.js';

const VERSION = prepared('SELECT version::text FROM routing_data_version');
/** Categories times areas stays far below this; the bound is against the unforeseen. */
const MAX_KEPT = 10_000;

export interface CasePlace {
  lat: number;
  lon: number;
  area_id: number | null;
}

export type RoutingAdvice = (category: string, at: CasePlace) => Promise<RoutingDecision>;

/** Per database (a test run has many): the version seen last and the decisions made under it. */
const kept = new WeakMap<Queryable, { version: string; decisions: Map<string, Promise<RoutingDecision>> }>();

/**
 * Routing's advice for one request. A decision worked out meanwhile may rest on newer data
 * than the version read first; the next request then reads that newer version and drops it.
 */
export async function routingAdvice(db: Queryable): Promise<RoutingAdvice> {
  const { rows } = await db.query<{ version: string }>(VERSION);
  const version = rows[0]?.version ?? '';
  let memory = kept.get(db);
  if (memory?.version !== version) {
    memory = { version, decisions: new Map() };
    kept.set(db, memory);
  }
  const { decisions } = memory;
  return (category, at) => {
    const key = `${category}|${at.area_id}`;
    let decision = decisions.get(key);
    if (!decision) {
      if (decisions.size >= MAX_KEPT) decisions.clear();
      decision = routeCase(db, category, at.lat, at.lon);
      decisions.set(key, decision);
      // a failure is not kept: the next request tries again
      decision.catch(() => decisions.delete(key));
    }
    return decision;
  };
}
