// `cli seed:synthetic --cases N`: a city's worth of generated cases for benchmarks and demos.
// Reports spread over the pack's areas (points inside them), categories (with the rainy
// season), channels and times (more recent = more, daily and weekly rhythm); each case lives
// a timeline through the lifecycle's own rules (some rejected, merged, transferred, overdue,
// reopened, rated or left unrated), and its row is derived from those events by applyEvent.
// Each case also gets the triage model's suggestion made at intake.
// Written in batches of multi-row INSERTs; the dashboard's roll-up is rebuilt at the end.
import type { Database, Queryable } from '../../platform/db/index.js';
import { CHANNELS, type Channel } from '../../shared/cases.js';
import type { Priority } from '../../shared/reference-data.js';
import { foldVietnamese } from '../../shared/text.js';
import { type CaseRow, DERIVED_COLUMN_TYPES, DERIVED_COLUMNS } from '../cases/events.js';
import type { CaseSettings } from '../cases/settings.js';
import type { Actor } from '../cases/timeline.js';
import { rebuildRollup } from '../dashboard/rollup.js';
import { type Category, loadCity } from './city.js';
import { deriveRow, isOpenAt, type PlannedEvent, planCase, planDuplicate } from './lifecycle.js';
import { addSupporters, backlogHolder, letActorsAct, regularReporter, slowDown } from './people.js';
import type { Place } from './places.js';
import { Random, WeightedChoice } from './random.js';
import { writeReport } from './texts.js';
import { submissionTimes, zoneOffsetMinutes } from './times.js';

export interface SyntheticOptions {
  cases: number;
  years: number;
  seed: number;
  /** The end of the generated period (default: now). */
  now?: Date;
  batchSize?: number;
  /** Vacuum and analyse the tables at the end (default true; impossible inside a transaction). */
  analyze?: boolean;
  progress?: (line: string) => void;
  /** Citizens who file this share of the citizen reports themselves (ten times more in the last ten days). */
  regulars?: readonly { userId: string; share: number }[];
  /** Share of the cases that other citizens support while they are open (1 to 6 each). */
  supportShare?: number;
  /** The operations center is this many hours behind: the newest reports wait untriaged, unassigned or half done. */
  backlogHours?: number;
  /** The least weight of a category (the busiest has 18): rare ones get enough reports for published figures. */
  categoryFloor?: number;
  /** Agencies (by code) slower than their draw by this factor: a backlog of overdue cases. */
  slowAgencies?: Readonly<Record<string, number>>;
  /** Existing people who act instead of generated ones: operators, and one staff member per agency code. */
  actors?: { operators?: readonly string[]; agencies?: Readonly<Record<string, string>> };
}

export interface SyntheticReport {
  cases: number;
  events: number;
  byState: Record<string, number>;
  seconds: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Relative share of each category's reports (codes of other packs get the median). */
const CATEGORY_WEIGHTS: Record<string, number> = {
  waste: 18,
  road_damage: 14,
  urban_order: 10,
  streetlight: 9,
  drainage_flooding: 7,
  traffic: 6,
  pollution: 6,
  trees_parks: 5,
  construction: 5,
  water_supply: 4,
  electricity: 4,
  other: 4,
  public_security: 3,
  public_services: 3,
  health_food: 2,
  tourism_heritage: 2,
  fire_rescue: 0.5,
};
/** Huế's rainy season (October, November): floods and fallen trees. */
const SEASON: Record<string, Record<number, number>> = {
  drainage_flooding: { 9: 4, 10: 4, 11: 2 },
  trees_parks: { 9: 2, 10: 2 },
  tourism_heritage: { 4: 1.5, 5: 1.5, 6: 1.5 },
};
const CHANNEL_WEIGHTS: Record<Channel, number> = {
  app: 60,
  web: 10,
  hotline: 15,
  open311: 5,
  sensor: 5,
  assistant: 5,
};
const SENSOR_CATEGORIES = ['traffic', 'pollution', 'drainage_flooding'];

interface Planned {
  id: string;
  code: string;
  createdAt: number;
  categoryId: number;
  areaId: number;
  reporter: string | null;
  events: PlannedEvent[];
  suggestion: SyntheticSuggestion;
}

/** What the triage model would have said at intake (its routing advice is left to be read later). */
interface SyntheticSuggestion {
  category: string;
  confidence: number;
  top3: { category: string; confidence: number }[];
  priority: Priority;
  priorityConfidence: number;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** Mostly right and sure of it; when wrong, less sure, with the right category among the next. */
function suggestionFor(
  random: Random,
  categories: readonly Category[],
  truth: Category,
  priority: Priority,
): SyntheticSuggestion {
  const others = categories.filter((c) => c.code !== truth.code);
  if (others.length === 0) {
    return {
      category: truth.code,
      confidence: 1,
      top3: [{ category: truth.code, confidence: 1 }],
      priority,
      priorityConfidence: 1,
    };
  }
  const right = random.chance(0.85) || others.length < 2;
  const first = right ? truth : random.pick(others);
  const confidence = round4(right ? 0.6 + 0.4 * random.next() : 0.3 + 0.35 * random.next());
  const second = right ? random.pick(others) : truth;
  // the runners-up share what is left, in order
  const secondConfidence = round4(Math.min(confidence, (1 - confidence) * (0.5 + 0.4 * random.next())));
  const rest = others.filter((c) => c.code !== first.code && c.code !== second.code);
  const third = rest.length > 0 ? random.pick(rest) : null;
  return {
    category: first.code,
    confidence,
    top3: [
      { category: first.code, confidence },
      { category: second.code, confidence: secondConfidence },
      ...(third
        ? [
            {
              category: third.code,
              confidence: round4(Math.min(secondConfidence, (1 - confidence - secondConfidence) / 2)),
            },
          ]
        : []),
    ],
    priority: random.chance(0.8) ? priority : truth.default_priority,
    priorityConfidence: round4(0.5 + 0.5 * random.next()),
  };
}

/** Generates the cases and writes them, batch by batch. */
export async function seedSynthetic(
  db: Database,
  settings: CaseSettings,
  options: SyntheticOptions,
): Promise<SyntheticReport> {
  const started = performance.now();
  // separate streams: the city (places, how fast each agency works) stays the same for a seed
  // whatever the period, and the cases' draws do not shift with the number of times drawn
  const cityRandom = new Random(options.seed);
  const timeRandom = new Random(options.seed ^ 0x5bd1e995);
  const random = new Random(options.seed ^ 0x27d4eb2f);
  const suggestionRandom = new Random(options.seed ^ 0x165667b1);
  // what only some callers ask for draws from its own stream: the benchmark's cases stay the same
  const extraRandom = new Random(options.seed ^ 0x2545f491);
  const now = (options.now ?? new Date()).getTime();
  const say = options.progress ?? (() => {});
  const city = await loadCity(db, cityRandom, options.cases);
  await letActorsAct(db, city, options.actors);
  const pace = new Map(city.agencies.map((id) => [id, cityRandom.logNormal(1, 0.35)]));
  const holdInBacklog = backlogHolder();
  await slowDown(db, pace, options.slowAgencies);
  const times = submissionTimes(timeRandom, options.cases, options.years, now, settings.timeZone);
  const periodStart = times[0] ?? now;
  const placeChoice = new WeightedChoice(city.places.map((p) => p.weight));
  const channelChoice = new WeightedChoice(CHANNELS.map((c) => CHANNEL_WEIGHTS[c]));
  const categoryByMonth = Array.from(
    { length: 12 },
    (_, month) =>
      new WeightedChoice(
        city.categories.map(
          (c) => Math.max(options.categoryFloor ?? 0, CATEGORY_WEIGHTS[c.code] ?? 4) * (SEASON[c.code]?.[month] ?? 1),
        ),
      ),
  );
  const sensorCategories = city.categories.filter((c) => SENSOR_CATEGORIES.includes(c.code));
  const offset = zoneOffsetMinutes(settings.timeZone, new Date(now)) * 60_000;
  const batchSize = options.batchSize ?? 2000;
  // progress every twentieth of the way
  const step = Math.max(batchSize, Math.ceil(options.cases / 20));
  const byState: Record<string, number> = {};
  let events = 0;

  for (let first = 0; first < options.cases; first += batchSize) {
    const count = Math.min(batchSize, options.cases - first);
    const { rows: numbers } = await db.query<{ n: number }>(
      `SELECT nextval('case_number_seq') AS n FROM generate_series(1, $1::int)`,
      [count],
    );
    const batch: Planned[] = [];
    // recent cases per category and area, for duplicates to be merged into
    const recent = new Map<string, Planned[]>();
    for (let i = 0; i < count; i++) {
      const createdAt = times[first + i] as number;
      const local = new Date(createdAt + offset);
      const number = numbers[i]?.n as number;
      const code = `${settings.codePrefix}-${String(local.getUTCFullYear()).slice(2)}${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(number).padStart(6, '0')}`;
      const channel = CHANNELS[channelChoice.draw(random)] as Channel;
      const category =
        channel === 'sensor' && sensorCategories.length
          ? random.pick(sensorCategories)
          : (city.categories[(categoryByMonth[local.getUTCMonth()] as WeightedChoice).draw(random)] as Category);
      const place = city.places[placeChoice.draw(random)] as Place;
      const [lon, lat] = random.pick(place.points);
      const citizenChannel = channel === 'app' || channel === 'web' || channel === 'assistant';
      const reporter = citizenChannel
        ? (regularReporter(extraRandom, options.regulars, createdAt > now - 10 * DAY) ?? random.pick(city.citizens))
        : null;
      const { title, description: text, address } = writeReport(random, category.code);
      const chosen = random.chance(0.55) ? category.id : random.chance(0.1) ? random.pick(city.categories).id : null;
      const priority: Priority = random.chance(0.01)
        ? 'urgent'
        : random.chance(0.06) && category.default_priority !== 'urgent'
          ? 'high'
          : category.default_priority;
      const submitted = {
        title,
        description: text,
        search_text: foldVietnamese([title, text, address].filter(Boolean).join(' ')),
        category_id: chosen,
        priority: chosen === category.id ? priority : 'normal',
        lat: Math.round(lat * 1e6) / 1e6,
        lon: Math.round(lon * 1e6) / 1e6,
        address,
        area_id: place.areaId,
        channel,
        anonymous: citizenChannel && random.chance(0.1),
        reporter_id: reporter,
        idempotency_key: null,
      };
      const operator = random.pick(city.operators);
      const submittedBy: Actor = reporter
        ? { userId: reporter, role: 'citizen' }
        : channel === 'hotline'
          ? operator
          : { userId: null, role: 'system' };
      const id = random.uuid();
      const key = `${category.id}:${place.areaId}`;
      let planned: PlannedEvent[] | null = null;
      const inBacklog = options.backlogHours !== undefined && createdAt > now - options.backlogHours * HOUR;
      if (channel !== 'sensor' && random.chance(0.03)) {
        const mergeAt = createdAt + random.logNormal(30 * 60_000, 1);
        const target = (recent.get(key) ?? []).findLast(
          (candidate) =>
            candidate.createdAt > createdAt - 3 * DAY && mergeAt <= now && isOpenAt(candidate.events, mergeAt),
        );
        if (target) {
          planned = planDuplicate(
            { submitted, submittedBy, createdAt, operator },
            { id: target.id, code: target.code, at: mergeAt },
          );
          const received: PlannedEvent = {
            type: 'merge_received',
            payload: { from_case_id: id, from_code: code },
            public: false,
            fromState: null,
            toState: null,
            actor: operator,
            at: mergeAt,
          };
          const at = target.events.findIndex((event) => event.at > mergeAt);
          target.events.splice(at < 0 ? target.events.length : at, 0, received);
        }
      }
      if (!planned) {
        const agencyId = city.routes.get(key) ?? (city.agencies[0] as number);
        const wrong = random.chance(0.04) ? random.pick(city.agencies.filter((a) => a !== agencyId)) : undefined;
        // the city got faster over the years, as Huế did
        const progress = (createdAt - periodStart) / Math.max(1, now - periodStart);
        planned = planCase(random, {
          submitted,
          submittedBy,
          createdAt,
          citizen: reporter ? { userId: reporter, role: 'citizen' } : null,
          categoryId: category.id,
          priority,
          slaHours: category.sla_hours,
          agencyId,
          wrongAgencyId: wrong ?? null,
          pace: (pace.get(agencyId) ?? 1) * (1.6 - 0.8 * progress),
          operator,
          staffOf: (agency) => city.staff.get(agency) ?? operator,
          now: inBacklog ? createdAt + extraRandom.next() * 0.2 * (now - createdAt) : now,
          autoCloseDays: settings.autoCloseDays,
        });
        if (inBacklog) planned = holdInBacklog(planned);
      }
      if (options.supportShare && planned.length > 2 && extraRandom.chance(options.supportShare)) {
        addSupporters(extraRandom, planned, { citizens: city.citizens, reporter, now });
      }
      const item: Planned = {
        id,
        code,
        createdAt,
        categoryId: category.id,
        areaId: place.areaId,
        reporter,
        events: planned,
        suggestion: suggestionFor(suggestionRandom, city.categories, category, priority),
      };
      batch.push(item);
      const list = recent.get(key) ?? [];
      list.push(item);
      if (list.length > 20) list.shift();
      recent.set(key, list);
    }
    const rows = batch.map((item) => ({ item, row: deriveRow(item.id, item.events) }));
    await db.transaction((tx) => writeBatch(tx, rows));
    // the embedded database runs on this thread: let waiting requests through between batches
    await new Promise((resolve) => setImmediate(resolve));
    for (const { row } of rows) byState[row.state] = (byState[row.state] ?? 0) + 1;
    events += batch.reduce((sum, item) => sum + item.events.length, 0);
    const done = first + count;
    if (done === options.cases || Math.floor(done / step) > Math.floor(first / step)) {
      say(`${done} of ${options.cases} cases written (${events} events)`);
    }
  }
  say('building the dashboard roll-up');
  await rebuildRollup(db, settings.timeZone);
  // statistics for the planner, and the visibility map that lets index-only scans skip the table
  if (options.analyze !== false)
    await db.exec('VACUUM (ANALYZE) cases, case_events, case_followers, triage_suggestions, dashboard_rollup, users');
  return { cases: options.cases, events, byState, seconds: (performance.now() - started) / 1000 };
}

async function writeBatch(tx: Queryable, rows: { item: Planned; row: CaseRow }[]): Promise<void> {
  const derived = DERIVED_COLUMNS.map((column) => rows.map(({ row }) => row[column]));
  const inputs = DERIVED_COLUMNS.map((column, i) => `$${i + 5}::${DERIVED_COLUMN_TYPES[column]}[]`);
  await tx.query(
    `INSERT INTO cases (id, code, created_at, updated_at, ${DERIVED_COLUMNS.join(', ')})
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], ${inputs.join(', ')})`,
    [
      rows.map(({ item }) => item.id),
      rows.map(({ item }) => item.code),
      rows.map(({ item }) => new Date(item.createdAt)),
      rows.map(({ item }) => new Date((item.events.at(-1) as PlannedEvent).at)),
      ...derived,
    ],
  );
  // in time order, so that each case's events get ascending ids (the timeline's order)
  const events = rows
    .flatMap(({ item }) => item.events.map((event, order) => ({ caseId: item.id, event, order })))
    .sort((a, b) => a.event.at - b.event.at || a.caseId.localeCompare(b.caseId) || a.order - b.order);
  await tx.query(
    `INSERT INTO case_events (case_id, type, actor_id, actor_role, public, from_state, to_state, payload, created_at)
     SELECT case_id, type, actor_id, actor_role, public, from_state, to_state, payload, created_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
            WITH ORDINALITY AS e (case_id, type, actor_id, actor_role, public, from_state, to_state, payload, created_at, ord)
      ORDER BY ord`,
    [
      events.map((e) => e.caseId),
      events.map((e) => e.event.type),
      events.map((e) => e.event.actor.userId),
      events.map((e) => e.event.actor.role),
      events.map((e) => e.event.public),
      events.map((e) => e.event.fromState),
      events.map((e) => e.event.toState),
      events.map((e) => JSON.stringify(e.event.payload)),
      events.map((e) => new Date(e.event.at)),
    ],
  );
  await tx.query(
    `INSERT INTO triage_suggestions (case_id, model_version, category_code, confidence, top3, priority, priority_confidence, created_at)
     SELECT case_id, 'synthetic', category_code, confidence, top3, priority, priority_confidence, created_at
       FROM unnest($1::uuid[], $2::text[], $3::real[], $4::jsonb[], $5::text[], $6::real[], $7::timestamptz[])
            AS s (case_id, category_code, confidence, top3, priority, priority_confidence, created_at)`,
    [
      rows.map(({ item }) => item.id),
      rows.map(({ item }) => item.suggestion.category),
      rows.map(({ item }) => item.suggestion.confidence),
      rows.map(({ item }) => JSON.stringify(item.suggestion.top3)),
      rows.map(({ item }) => item.suggestion.priority),
      rows.map(({ item }) => item.suggestion.priorityConfidence),
      rows.map(({ item }) => new Date(item.createdAt)),
    ],
  );
  const followers = rows.flatMap(({ item }) => {
    const list: [string, string, string][] = [];
    if (item.reporter) list.push([item.id, item.reporter, 'reporter']);
    for (const event of item.events) {
      if (event.type === 'supported') list.push([item.id, (event.payload as { user_id: string }).user_id, 'supporter']);
    }
    const merged = item.events.find((e) => e.type === 'merged');
    if (merged && item.reporter) {
      list.push([(merged.payload as { into_case_id: string }).into_case_id, item.reporter, 'merged']);
    }
    return list;
  });
  await tx.query(
    `INSERT INTO case_followers (case_id, user_id, reason)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[]) ON CONFLICT DO NOTHING`,
    [followers.map((f) => f[0]), followers.map((f) => f[1]), followers.map((f) => f[2])],
  );
}
