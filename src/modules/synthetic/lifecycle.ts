// The timeline of one synthetic case: what people and timers did to it, and when, up to now.
// Every step goes through the lifecycle's own transition table, and the case row is later
// derived from these events by applyEvent: the data is what the real system would hold.
import type { CaseState } from '../../shared/cases.js';
import { OPEN_STATES } from '../../shared/cases.js';
import { applyEvent, type CaseRow, type EventPayloads, type EventType, type StoredEvent } from '../cases/events.js';
import { assertTransition, type CaseAction } from '../cases/state-machine.js';
import type { Actor } from '../cases/timeline.js';
import { TIMELINE_WORDS as WORDS } from './phrases.js';
import type { Random } from './random.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface PlannedEvent {
  type: EventType;
  payload: EventPayloads[EventType];
  public: boolean;
  fromState: CaseState | null;
  toState: CaseState | null;
  actor: Actor;
  at: number;
}

export interface CasePlanInput {
  submitted: EventPayloads['submitted'];
  submittedBy: Actor;
  createdAt: number;
  /** The citizen who can answer and rate (null: hotline, sensors, other systems). */
  citizen: Actor | null;
  categoryId: number;
  priority: EventPayloads['triaged']['priority'];
  slaHours: number;
  agencyId: number;
  /** A first, wrong agency that transfers the case on (null: routed right). */
  wrongAgencyId: number | null;
  /** How fast this agency works at this time: 1 is the city's usual pace, more is slower. */
  pace: number;
  operator: Actor;
  staffOf: (agencyId: number) => Actor;
  now: number;
  autoCloseDays: number;
}

const RUNNING: readonly CaseState[] = ['assigned', 'in_progress', 'reopened'];
const REMINDER_SHARE_LEFT = 0.2;
const TIMER_DELAY = 30_000; // the sweeps run every minute

class Timeline {
  readonly events: PlannedEvent[] = [];
  state: CaseState | null = null;
  at: number;
  constructor(
    start: number,
    private readonly now: number,
  ) {
    this.at = start;
  }

  /** Adds the event after `delay` ms, unless that is in the future; false: the story stops here. */
  add<T extends EventType>(
    delay: number,
    type: T,
    payload: EventPayloads[T],
    actor: Actor,
    options: { action?: CaseAction; public?: boolean } = {},
  ): boolean {
    const at = this.at + Math.max(1000, Math.round(delay));
    if (at > this.now) return false;
    const toState = options.action ? assertTransition(this.state as CaseState, options.action) : null;
    this.events.push({
      type,
      payload,
      public: options.public ?? true,
      fromState: toState ? this.state : null,
      toState,
      actor,
      at,
    });
    if (toState) this.state = toState;
    this.at = at;
    return true;
  }
}

const SYSTEM: Actor = { userId: null, role: 'system' };
const iso = (ms: number) => new Date(ms).toISOString();

/** The events of a case that lives its life (a duplicate is planned by planDuplicate instead). */
export function planCase(random: Random, input: CasePlanInput): PlannedEvent[] {
  const line = new Timeline(input.createdAt, input.now);
  line.events.push({
    type: 'submitted',
    payload: input.submitted,
    public: true,
    fromState: null,
    toState: 'submitted',
    actor: input.submittedBy,
    at: input.createdAt,
  });
  line.state = 'submitted';
  const sla = input.slaHours * HOUR;
  const triaged = { category_id: input.categoryId, priority: input.priority };

  if (random.chance(0.04)) {
    // spam or out of scope
    if (!line.add(random.logNormal(40 * MINUTE, 1), 'triaged', triaged, input.operator, { action: 'triage' }))
      return line.events;
    line.add(random.logNormal(10 * MINUTE, 1), 'rejected', { reason: random.pick(WORDS.rejected) }, input.operator, {
      action: 'reject',
    });
    return withTimers(line.events, input);
  }

  // a quarter is assigned at intake by the model's confident suggestion
  const auto = random.chance(0.25);
  const assigner = auto ? SYSTEM : input.operator;
  if (!line.add(auto ? 500 : random.logNormal(25 * MINUTE, 1), 'triaged', triaged, assigner, { action: 'triage' }))
    return line.events;
  const firstAgency = input.wrongAgencyId ?? input.agencyId;
  const assignDelay = auto ? 500 : random.logNormal(10 * MINUTE, 0.8);
  if (
    !line.add(assignDelay, 'assigned', { agency_id: firstAgency, due_at: iso(line.at + assignDelay + sla) }, assigner, {
      action: 'assign',
    })
  )
    return withTimers(line.events, input);
  if (input.wrongAgencyId !== null) {
    const delay = random.logNormal(3 * HOUR * input.pace, 1);
    const moved = line.add(
      delay,
      'transferred',
      { to_agency_id: input.agencyId, reason: random.pick(WORDS.transferred), due_at: iso(line.at + delay + sla) },
      input.staffOf(input.wrongAgencyId),
      { action: 'transfer_to_agency' },
    );
    if (!moved) return withTimers(line.events, input);
  }
  const staff = input.staffOf(input.agencyId);
  // a few cases stall with the agency long past their deadline: the overdue backlog
  const stall = random.chance(0.02) ? random.logNormal(15, 0.5) : 1;
  for (let round = 0; round < 3; round++) {
    if (
      !line.add(random.logNormal((round ? 3 : 2) * HOUR * input.pace, 1), 'accepted', {}, staff, { action: 'accept' })
    )
      break;
    if (input.citizen && random.chance(0.08)) {
      if (
        !line.add(random.logNormal(HOUR, 1), 'info_requested', { message: random.pick(WORDS.question) }, staff, {
          action: 'request_info',
        })
      )
        break;
      // a few citizens never answer: the case waits for them
      if (!random.chance(0.93)) break;
      if (
        !line.add(
          random.logNormal(8 * HOUR, 1),
          'citizen_replied',
          { message: random.pick(WORDS.reply) },
          input.citizen,
          {
            action: 'reply',
          },
        )
      )
        break;
    }
    const work = random.logNormal(sla * 0.5 * input.pace * (round ? 0.6 : stall), 0.9);
    if (!line.add(work, 'resolved', { message: random.pick(WORDS.resolved) }, staff, { action: 'resolve' })) break;
    if (input.citizen && random.chance(0.62)) {
      const unhappy = random.chance(round ? 0.08 : 0.18);
      const rating = unhappy ? 1 + random.int(3) : random.chance(0.85) ? 4 + random.int(2) : 3;
      const fixed = !unhappy;
      const rated = line.add(
        random.logNormal(10 * HOUR, 1.2),
        'rated',
        { rating, comment: null, fixed },
        input.citizen,
        { action: fixed && rating >= 3 ? 'rate_satisfied' : 'rate_unsatisfied' },
      );
      if (!rated || (line.state as CaseState) === 'closed') break;
      continue; // reopened: the agency takes it on again
    }
    line.add(input.autoCloseDays * 24 * HOUR, 'auto_closed', { after_days: input.autoCloseDays }, SYSTEM, {
      action: 'close_unrated',
    });
    break;
  }
  return withTimers(line.events, input);
}

/** A duplicate: submitted, then merged by an operator into an open case of the same kind nearby. */
export function planDuplicate(
  input: Pick<CasePlanInput, 'submitted' | 'submittedBy' | 'createdAt' | 'operator'>,
  into: { id: string; code: string; at: number },
): PlannedEvent[] {
  return [
    {
      type: 'submitted',
      payload: input.submitted,
      public: true,
      fromState: null,
      toState: 'submitted',
      actor: input.submittedBy,
      at: input.createdAt,
    },
    {
      type: 'merged',
      payload: { into_case_id: into.id, into_code: into.code },
      public: true,
      fromState: 'submitted',
      toState: assertTransition('submitted', 'merge'),
      actor: input.operator,
      at: into.at,
    },
  ];
}

/** The state of a planned case at a moment. */
export function stateAt(events: readonly PlannedEvent[], at: number): CaseState | null {
  let state: CaseState | null = null;
  for (const event of events) {
    if (event.at > at) break;
    if (event.toState) state = event.toState;
  }
  return state;
}

export const isOpenAt = (events: readonly PlannedEvent[], at: number) => {
  const state = stateAt(events, at);
  return state !== null && OPEN_STATES.includes(state);
};

/** The case row the events give, event ids counted from 1 (only their order matters). */
export function deriveRow(caseId: string, events: readonly PlannedEvent[]): CaseRow {
  let row: CaseRow | null = null;
  events.forEach((event, i) => {
    const stored: StoredEvent = {
      id: i + 1,
      case_id: caseId,
      type: event.type,
      payload: event.payload,
      public: event.public,
      from_state: event.fromState,
      to_state: event.toState,
      actor_id: event.actor.userId,
      actor_role: event.actor.role,
      created_at: new Date(event.at),
    };
    row = applyEvent(row, stored);
  });
  if (!row) throw new Error('a case without events');
  return row;
}

/**
 * Adds what the timers would have done between the planned events: a reminder when a fifth
 * of the SLA time is left, an escalation once the deadline passed (both while the case is
 * with an agency and not waiting for the citizen).
 */
function withTimers(planned: PlannedEvent[], input: Pick<CasePlanInput, 'now'>): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  let row: CaseRow | null = null;
  const apply = (event: PlannedEvent) => {
    events.push(event);
    row = deriveRowStep(row, event, events.length);
  };
  for (const [i, event] of planned.entries()) {
    apply(event);
    const until = Math.min(planned[i + 1]?.at ?? Number.POSITIVE_INFINITY, input.now);
    for (;;) {
      const current = row as CaseRow | null;
      if (!current || !RUNNING.includes(current.state) || !current.due_at || !current.assigned_at) break;
      const due = current.due_at.getTime();
      const since = events[events.length - 1]?.at as number;
      let timer: PlannedEvent | null = null;
      if (!current.reminded_at) {
        const remindAt = due - (due - current.assigned_at.getTime()) * REMINDER_SHARE_LEFT;
        const at = Math.max(remindAt, since) + TIMER_DELAY;
        if (at < due && at < until) timer = timerEvent('reminded', due, at);
      }
      if (!timer && !current.escalated_at) {
        const at = Math.max(due, since) + TIMER_DELAY;
        if (at < until) timer = timerEvent('escalated', due, at);
      }
      if (!timer) break;
      apply(timer);
    }
  }
  return events;
}

function timerEvent(type: 'reminded' | 'escalated', due: number, at: number): PlannedEvent {
  return { type, payload: { due_at: iso(due) }, public: false, fromState: null, toState: null, actor: SYSTEM, at };
}

function deriveRowStep(row: CaseRow | null, event: PlannedEvent, id: number): CaseRow {
  return applyEvent(row, {
    id,
    case_id: '',
    type: event.type,
    payload: event.payload,
    public: event.public,
    from_state: event.fromState,
    to_state: event.toState,
    actor_id: event.actor.userId,
    actor_role: event.actor.role,
    created_at: new Date(event.at),
  });
}
