// What the API shows of each event's payload (the shared contract's `details`): agency and
// category ids turned into codes and names, internal keys (ids of people and cases) left out.
// One function per event type, so a new type cannot be forgotten here either.
import type { Queryable } from '../../platform/db/index.js';
import type { CaseEventDetails, CaseEventPayloads, CaseEventType } from '../../shared/case-events.js';

interface Named {
  code: string;
  name_vi: string;
  name_en: string;
}

/** The agencies and categories a timeline names, each looked up once. */
export class TimelineNames {
  private readonly agencies = new Map<number, Promise<Named | null>>();
  private readonly categories = new Map<number, Promise<string | null>>();
  constructor(private readonly db: Queryable) {}

  agency(id: number | null): Promise<Named | null> {
    if (id === null) return Promise.resolve(null);
    let found = this.agencies.get(id);
    if (!found) {
      found = this.db
        .query<Named>('SELECT code, name_vi, name_en FROM agencies WHERE id = $1', [id])
        .then(({ rows }) => rows[0] ?? null);
      this.agencies.set(id, found);
    }
    return found;
  }

  category(id: number | null): Promise<string | null> {
    if (id === null) return Promise.resolve(null);
    let found = this.categories.get(id);
    if (!found) {
      found = this.db
        .query<{ code: string }>('SELECT code FROM categories WHERE id = $1', [id])
        .then(({ rows }) => rows[0]?.code ?? null);
      this.categories.set(id, found);
    }
    return found;
  }
}

type DetailsOf = {
  [T in CaseEventType]: (
    payload: CaseEventPayloads[T],
    names: TimelineNames,
  ) => CaseEventDetails[T] | Promise<CaseEventDetails[T]>;
};

const none = () => ({});

const DETAILS: DetailsOf = {
  submitted: none,
  triaged: async (p, names) => ({ category: await names.category(p.category_id), priority: p.priority }),
  categorized: async (p, names) => {
    const details: CaseEventDetails['categorized'] = {};
    if (p.category_id !== undefined) details.category = await names.category(p.category_id);
    if (p.previous_category_id !== undefined) details.previous_category = await names.category(p.previous_category_id);
    if (p.priority !== undefined) details.priority = p.priority;
    if (p.previous_priority !== undefined) details.previous_priority = p.previous_priority;
    return details;
  },
  assigned: async (p, names) => ({
    agency: await names.agency(p.agency_id),
    due_at: p.due_at,
    ...(p.explanation !== undefined ? { explanation: p.explanation } : {}),
  }),
  accepted: none,
  info_requested: none,
  citizen_replied: none,
  transferred: async (p, names) => ({ agency: await names.agency(p.to_agency_id), due_at: p.due_at }),
  resolved: none,
  rated: (p) => ({ rating: p.rating, fixed: p.fixed }),
  auto_closed: (p) => ({ after_days: p.after_days }),
  rejected: none,
  merged: (p) => ({ into_code: p.into_code }),
  merge_received: (p) => ({ from_code: p.from_code }),
  note: none,
  reminded: (p) => ({ due_at: p.due_at }),
  escalated: (p) => ({ due_at: p.due_at }),
  supported: none,
  commented: none,
};

/** The details of one stored event. */
export function detailsOf<T extends CaseEventType>(
  type: T,
  payload: CaseEventPayloads[T],
  names: TimelineNames,
): Promise<CaseEventDetails[T]> {
  return Promise.resolve((DETAILS[type] as DetailsOf[T])(payload, names));
}
