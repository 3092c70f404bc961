// The roll-up on a generated city: the synthetic timelines give the stored rows, a roll-up
// kept through case changes equals one rebuilt from the cases, and every way of reading it
// (months, days, the log not folded yet, the cases) gives what the cases alone give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { Principal } from '../../platform/http/access.js';
import type { Role } from '../../shared/roles.js';
import { DERIVED_COLUMNS } from '../cases/events.js';
import { computeMeasures } from '../cases/measures.js';
import { replayCase } from '../cases/timeline.js';
import {
  acceptCase,
  assignCase,
  mergeCase,
  rateCase,
  rejectCase,
  resolveCase,
  transferCase,
  triageCase,
} from '../cases/workflow.js';
import { routeCase } from '../routing/service.js';
import { routingTable } from '../synthetic/city.js';
import { seedSynthetic } from '../synthetic/seed.js';
import { aggregate, countOverdue, type Grouping, planQuery, type ResolvedFilter } from './aggregate.js';
import { toMeasures } from './measures.js';
import { foldCaseChanges, rebuildRollup } from './rollup.js';
import { areaGroups, cityToday, shiftDay } from './scope.js';
import { dashboardLeague } from './service.js';

let t: TestApp;
const ZONE = 'Asia/Ho_Chi_Minh';
const CASES = 1200;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedSynthetic(t.db, t.caseSettings, { cases: CASES, years: 1, seed: 11, batchSize: 500 });
  today = cityToday(ZONE);
}, 180_000);
afterAll(() => t.close());

async function principal(role: Role, agencyCode?: string): Promise<Principal> {
  const user = await createUser(t.db, role, { agencyCode });
  const agency = agencyCode
    ? ((await t.db.query<{ id: number }>('SELECT id FROM agencies WHERE code = $1', [agencyCode])).rows[0]?.id ?? null)
    : null;
  return {
    userId: user.id,
    role,
    agencyId: role === 'agency_staff' ? agency : null,
    agencyCode: role === 'agency_staff' ? (agencyCode ?? null) : null,
    sessionId: '',
    mustChangePassword: false,
  };
}

interface Picked {
  id: string;
  agency_code: string | null;
  reporter_id: string | null;
}

async function pick(state: string, count: number, extra = 'true'): Promise<Picked[]> {
  const { rows } = await t.db.query<Picked>(
    `SELECT c.id, ag.code AS agency_code, c.reporter_id FROM cases c LEFT JOIN agencies ag ON ag.id = c.agency_id
      WHERE c.state = $1 AND ${extra} ORDER BY c.code LIMIT $2`,
    [state, count],
  );
  return rows;
}

/** Staff of the case's agency, made on first use. */
const staffOf = new Map<string, Principal>();
async function staff(agencyCode: string): Promise<Principal> {
  let found = staffOf.get(agencyCode);
  if (!found) {
    found = await principal('agency_staff', agencyCode);
    staffOf.set(agencyCode, found);
  }
  return found;
}

/** A round of the things people do to cases, through the workflow's own functions. */
async function changeCases(round: number) {
  const db = t.db;
  const operator = await principal('operator');
  const step = (caseId: string, who: Principal) => ({ db, caseId, principal: who });
  for (const c of await pick('submitted', 3)) await triageCase(step(c.id, operator), { category: 'waste' });
  for (const c of await pick('triaged', 3)) await assignCase(step(c.id, operator), 'hepco');
  for (const c of await pick('triaged', 1)) await rejectCase(step(c.id, operator), 'Không thuộc phạm vi');
  for (const c of await pick('assigned', 4)) await acceptCase(step(c.id, await staff(c.agency_code as string)));
  for (const c of await pick('in_progress', 4)) {
    await resolveCase(step(c.id, await staff(c.agency_code as string)), 'Đã xử lý', []);
  }
  for (const [i, c] of (await pick('resolved', 4, 'c.reporter_id IS NOT NULL')).entries()) {
    const citizen = { ...(await principal('citizen')), userId: c.reporter_id as string };
    await rateCase(step(c.id, citizen), i % 2 ? 5 : 1, null, i % 2 === 1);
  }
  const [moving] = await pick('in_progress', 1, `c.agency_id <> (SELECT id FROM agencies WHERE code = 'doc')`);
  if (moving) await transferCase(step(moving.id, await staff(moving.agency_code as string)), 'Sai thẩm quyền', 'doc');
  // recategorised once assigned: the case moves to another category's figures
  const [assigned] = await pick('assigned', 1, `c.category_id <> (SELECT id FROM categories WHERE code = 'traffic')`);
  if (assigned) await triageCase(step(assigned.id, operator), { category: 'traffic' });
  const open = await pick('in_progress', 2);
  if (open[0] && open[1]) await mergeCase({ ...step(open[0].id, operator) }, open[1].id);
  const citizen = await createUser(db, 'citizen');
  for (let i = 0; i < 3; i++) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: citizen.auth,
      payload: {
        description: `Cây đổ chắn đường, lần ${round}-${i}`,
        category: 'trees_parks',
        lat: 16.4698,
        lon: 107.5786,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
}

const BUCKET_RATIO = 2 ** (1 / 20);

/** The two middle durations (hours) of first response and resolution, as computeMeasures selects the cases. */
async function middleDurations(
  range: { from: string; to: string },
  filter: { category?: string; agency?: string; area?: string },
): Promise<{ firstResponse: [number, number]; resolve: [number, number] }> {
  const { rows } = await t.db.query<{ fr: number[]; rs: number[] }>(
    `WITH scope AS (
       SELECT c.* FROM cases c
         LEFT JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN agencies ag ON ag.id = c.agency_id
         LEFT JOIN areas ar ON ar.id = c.area_id
        WHERE c.created_at >= $1 AND c.created_at < $2 AND c.state <> 'merged'
          AND ($3::text IS NULL OR cat.code = $3) AND ($4::text IS NULL OR ag.code = $4) AND ($5::text IS NULL OR ar.code = $5)
     )
     SELECT (SELECT array_agg(extract(epoch FROM first_response_at - created_at) / 3600 ORDER BY 1)
               FROM scope WHERE first_response_at IS NOT NULL) AS fr,
            (SELECT array_agg(extract(epoch FROM resolved_at - created_at) / 3600 ORDER BY 1)
               FROM scope WHERE resolved_at IS NOT NULL AND state IN ('resolved', 'closed')) AS rs`,
    [range.from, range.to, filter.category ?? null, filter.agency ?? null, filter.area ?? null],
  );
  const middle = (values: number[]): [number, number] => {
    const sorted = values.map(Number).sort((a, b) => a - b);
    const rank = (sorted.length - 1) / 2;
    return [sorted[Math.floor(rank)] as number, sorted[Math.ceil(rank)] as number];
  };
  return { firstResponse: middle(rows[0]?.fr ?? []), resolve: middle(rows[0]?.rs ?? []) };
}

async function rollupRows() {
  const { rows } = await t.db.query(
    `SELECT grain, span, day::text, category_id, agency_id, area_id, channel, cell, received, open, resolved, rejected,
            on_time, due_resolved, rated, satisfied, reopened, resolved_ever,
            first_response_hist::text AS f, resolve_hist::text AS r
       FROM dashboard_rollup ORDER BY grain, span, day, category_id, agency_id, area_id, channel, cell`,
  );
  return rows;
}

describe('synthetic cases', () => {
  it('are what their timelines give: replaying each one gives its stored row', async () => {
    const { rows } = await t.db.query<Record<string, unknown> & { id: string }>('SELECT * FROM cases');
    expect(rows.length).toBe(CASES);
    for (const stored of rows) {
      const replayed = await replayCase(t.db, stored.id);
      expect(replayed, stored.id).not.toBeNull();
      for (const column of [...DERIVED_COLUMNS, 'created_at'] as const) {
        expect(replayed?.[column], `${stored.id} ${column}`).toEqual(stored[column]);
      }
    }
  }, 120_000);

  it('spread over states, channels, areas and time, more of them recently', async () => {
    const { rows } = await t.db.query<{ states: number; channels: number; areas: number; categories: number }>(
      `SELECT count(DISTINCT state)::int AS states, count(DISTINCT channel)::int AS channels,
              count(DISTINCT area_id)::int AS areas, count(DISTINCT category_id)::int AS categories FROM cases`,
    );
    expect(rows[0]).toMatchObject({ channels: 6 });
    expect(rows[0]?.states).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.areas).toBeGreaterThan(20);
    expect(rows[0]?.categories).toBeGreaterThan(12);
    const { rows: halves } = await t.db.query<{ older: number; newer: number }>(
      `SELECT count(*) FILTER (WHERE created_at < now() - interval '182 days')::int AS older,
              count(*) FILTER (WHERE created_at >= now() - interval '182 days')::int AS newer FROM cases`,
    );
    expect(halves[0]?.newer).toBeGreaterThan((halves[0]?.older ?? 0) * 1.2);
    const { rows: extra } = await t.db.query<{ reopened: number; overdue: number; transferred: number }>(
      `SELECT count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
              count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS overdue,
              (SELECT count(*)::int FROM case_events WHERE type = 'transferred') AS transferred FROM cases`,
    );
    for (const value of Object.values(extra[0] ?? {})) expect(value).toBeGreaterThan(0);
  });

  it("each carry the model's suggestion made at intake, mostly naming the category reported", async () => {
    const { rows } = await t.db.query<{ cases: number; suggested: number; agreeing: number; categorised: number }>(
      `SELECT count(*)::int AS cases, count(s.case_id)::int AS suggested,
              count(*) FILTER (WHERE s.category_code = cat.code)::int AS agreeing,
              count(cat.code)::int AS categorised
         FROM cases c LEFT JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN triage_suggestions s ON s.case_id = c.id AND s.created_at = c.created_at`,
    );
    const [counts] = rows;
    expect(counts?.suggested).toBe(CASES);
    expect(counts?.cases).toBe(CASES);
    // some cases' category was changed by an operator, so agreement is measured loosely
    expect(counts?.agreeing).toBeGreaterThan((counts?.categorised ?? 0) * 0.6);
    expect(counts?.agreeing).toBeLessThan(counts?.categorised ?? 0);
  });

  it('go to the agency routing picks', async () => {
    const table = await routingTable(t.db);
    const { rows } = await t.db.query<{
      category: string;
      category_id: number;
      area_id: number;
      lat: number;
      lon: number;
    }>(
      `SELECT cat.code AS category, cat.id AS category_id, a.id AS area_id, a.center_lat AS lat, a.center_lon AS lon
         FROM categories cat CROSS JOIN areas a WHERE a.parent_id IS NOT NULL AND a.code IN ('19753', '19900', '20107')
        ORDER BY cat.code, a.code`,
    );
    for (const row of rows) {
      const decision = await routeCase(t.db, row.category, row.lat, row.lon);
      expect(table.get(`${row.category_id}:${row.area_id}`), `${row.category} in ${row.area_id}`).toBe(
        decision.agency?.id,
      );
    }
  });
});

describe('the roll-up', () => {
  it('kept through case changes, equals one rebuilt from the cases', async () => {
    await changeCases(1);
    const pending = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_deltas');
    expect(pending.rows[0]?.n).toBeGreaterThan(0);
    await foldCaseChanges(t.db, ZONE);
    await changeCases(2);
    await foldCaseChanges(t.db, ZONE);
    const kept = await rollupRows();
    await rebuildRollup(t.db, ZONE);
    expect(await rollupRows()).toEqual(kept);
  }, 120_000);

  const groupings = async (): Promise<[string, Grouping][]> => [
    ['none', { kind: 'none' }],
    ['category', { kind: 'category' }],
    ['agency', { kind: 'agency' }],
    ['channel', { kind: 'channel' }],
    ['cell', { kind: 'cell' }],
    ['area', { kind: 'area', groups: (await areaGroups(t.db, null)).groups }],
    ['day', { kind: 'interval', interval: 'day' }],
    ['week', { kind: 'interval', interval: 'week' }],
    ['month', { kind: 'interval', interval: 'month' }],
  ];

  async function ids() {
    const one = async (sql: string) => (await t.db.query<{ id: number }>(sql)).rows[0]?.id as number;
    return {
      waste: await one(`SELECT id FROM categories WHERE code = 'waste'`),
      hepco: await one(`SELECT id FROM agencies WHERE code = 'hepco'`),
      ward: (await t.db.query<{ id: number }>(`SELECT id FROM areas WHERE code = '19753'`)).rows.map((r) => r.id),
      city: (await t.db.query<{ id: number }>('SELECT id FROM areas')).rows.map((r) => r.id),
    };
  }

  it('reads, with changes not folded yet, exactly what the cases give', async () => {
    await changeCases(3); // left in the log on purpose
    const pending = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_deltas');
    expect(pending.rows[0]?.n).toBeGreaterThan(0);
    const { waste, hepco, ward, city } = await ids();
    const ranges: [string, string][] = [
      [shiftDay(today, -364), today],
      [`${shiftDay(today, -200).slice(0, 7)}-15`, `${shiftDay(today, -90).slice(0, 7)}-10`],
      [`${shiftDay(today, -150).slice(0, 7)}-01`, `${shiftDay(today, -62).slice(0, 7)}-01`],
      [shiftDay(today, -1), shiftDay(today, -1)],
    ];
    const filters: Omit<ResolvedFilter, 'from' | 'to'>[] = [
      {},
      { categoryId: waste },
      { agencyId: hepco },
      { areaIds: ward },
      { areaIds: city },
      { channel: 'hotline' },
      { categoryId: waste, areaIds: ward },
      { agencyId: hepco, categoryId: waste },
      { agencyId: hepco, categoryId: waste, channel: 'app' },
    ];
    const read = async (filter: ResolvedFilter, grouping: Grouping, source: 'auto' | 'cases') => {
      const figures = await aggregate(t.db, { filter, grouping, timeZone: ZONE, durations: true, source });
      return figures.sort((a, b) => a.key.localeCompare(b.key));
    };
    let compared = 0;
    for (const [from, to] of ranges) {
      for (const filter of filters) {
        const f = { from, to, ...filter };
        expect(await read(f, { kind: 'none' }, 'auto'), JSON.stringify(f)).toEqual(
          await read(f, { kind: 'none' }, 'cases'),
        );
        compared++;
      }
      for (const [name, grouping] of await groupings()) {
        for (const filter of [{}, { agencyId: hepco }]) {
          const f = { from, to, ...filter };
          expect(await read(f, grouping, 'auto'), `${name} ${JSON.stringify(f)}`).toEqual(
            await read(f, grouping, 'cases'),
          );
          compared++;
        }
      }
    }
    expect(compared).toBe(ranges.length * (filters.length + 18));
  }, 240_000);

  it('serves whole months and single-dimension days from the roll-up, the rest from the cases', () => {
    const year = { from: '2025-03-15', to: '2026-03-14' };
    const durations = { durations: true };
    const plan = (filter: Omit<ResolvedFilter, 'from' | 'to'>, grouping: Grouping = { kind: 'none' }) =>
      planQuery({ ...year, ...filter }, grouping, durations);
    expect(plan({})).toEqual({
      grain: expect.objectContaining({ dims: [] }),
      months: { from: '2025-04-01', until: '2026-03-01' },
      rollupDays: [
        { from: '2025-03-15', until: '2025-04-01' },
        { from: '2026-03-01', until: '2026-03-15' },
      ],
      direct: [],
    });
    expect(plan({ categoryId: 1 }, { kind: 'agency' })).toMatchObject({
      grain: { dims: ['agency', 'category'] },
      months: { from: '2025-04-01', until: '2026-03-01' },
      rollupDays: [],
      direct: [
        { from: '2025-03-15', until: '2025-04-01' },
        { from: '2026-03-01', until: '2026-03-15' },
      ],
    });
    expect(plan({ categoryId: 1, agencyId: 2, channel: 'app' })).toMatchObject({ grain: null, months: null });
    expect(plan({}, { kind: 'interval', interval: 'week' })).toMatchObject({
      months: null,
      rollupDays: [{ from: '2025-03-15', until: '2026-03-15' }],
    });
    expect(planQuery({ from: '2026-01-01', to: '2026-12-31' }, { kind: 'none' }, durations)).toMatchObject({
      months: { from: '2026-01-01', until: '2027-01-01' },
      rollupDays: [],
    });
  });

  it('gives the figures of computeMeasures for a year, a category, an agency and an area', async () => {
    const from = shiftDay(today, -364);
    const bound = async (day: string) =>
      (
        await t.db.query<{ at: Date }>('SELECT ($1::date::timestamp AT TIME ZONE $2) AS at', [day, ZONE])
      ).rows[0]?.at.toISOString() as string;
    const range = { from: await bound(from), to: await bound(shiftDay(today, 1)) };
    const { waste, hepco, ward } = await ids();
    for (const [mine, theirs] of [
      [{}, {}],
      [{ categoryId: waste }, { category: 'waste' }],
      [{ agencyId: hepco }, { agency: 'hepco' }],
      [{ areaIds: ward }, { area: '19753' }],
    ] as const) {
      const [group] = await aggregate(t.db, {
        filter: { from, to: today, ...mine },
        grouping: { kind: 'none' },
        timeZone: ZONE,
        durations: true,
      });
      const exact = await computeMeasures(t.db, { ...range, ...theirs });
      const figures = toMeasures(group as NonNullable<typeof group>, 'staff');
      expect({ ...figures, overdue: 0 }).toMatchObject({
        received: exact.received,
        open: exact.open,
        resolved: exact.resolved,
        rejected: exact.rejected,
        rated: exact.rated,
        on_time_rate: exact.on_time_rate,
        satisfaction_rate: exact.satisfaction_rate,
        reopen_rate: exact.reopen_rate,
      });
      // percentile_cont's median sits between the two middle durations; the histogram's lies
      // within the buckets of those two, each 2^(1/20) (3.5 %) wide
      const middles = await middleDurations(range, theirs);
      for (const [estimate, exactMedian, [low, high]] of [
        [figures.median_hours_to_first_response, exact.median_hours_to_first_response, middles.firstResponse],
        [figures.median_hours_to_resolve, exact.median_hours_to_resolve, middles.resolve],
      ] as const) {
        expect(low <= (exactMedian as number) && (exactMedian as number) <= high).toBe(true);
        expect(estimate).toBeGreaterThanOrEqual(low / BUCKET_RATIO - 1e-9);
        expect(estimate).toBeLessThanOrEqual(high * BUCKET_RATIO + 1e-9);
      }
    }
  });

  it('counts as overdue what the queue flags as overdue', async () => {
    const overdue = await countOverdue(t.db, {
      filter: { from: shiftDay(today, -364), to: today },
      grouping: { kind: 'none' },
      timeZone: ZONE,
    });
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c WHERE c.due_at < now() AND c.state IN ('assigned', 'in_progress', 'reopened')`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect(overdue.get('')).toBe(rows[0]?.n);
  });

  it('ranks agencies by on-time rate, then satisfaction, the few-cased ones unranked last', async () => {
    const league = await dashboardLeague({
      db: t.db,
      audience: 'staff',
      scope: {
        filter: { from: shiftDay(today, -364), to: today },
        timeZone: ZONE,
        echo: {
          from: shiftDay(today, -364),
          to: today,
          time_zone: ZONE,
          category: null,
          agency: null,
          area: null,
          channel: null,
          suppressed_below: null,
        },
      },
    });
    const ranked = league.rows.filter((row) => row.rank !== null);
    expect(ranked.length).toBeGreaterThan(3);
    expect(ranked.map((row) => row.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (const [a, b] of ranked.slice(1).map((row, i) => [ranked[i], row] as const)) {
      expect((a?.on_time_rate ?? -1) >= (b.on_time_rate ?? -1)).toBe(true);
    }
    const unranked = league.rows.slice(ranked.length);
    expect(unranked.every((row) => row.rank === null && row.resolved < league.min_resolved)).toBe(true);
  });
});
