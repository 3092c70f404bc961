// Our case states as Open311 speaks of them: open/closed (the specification), and the
// extended statuses FixMyStreet and open311-adapter use on updates. docs/open311.md shows
// the same tables.
import type { CaseState } from '../../shared/cases.js';
import { OPEN_STATES } from '../../shared/cases.js';

export type Open311Status = 'open' | 'closed';

export function open311StatusOf(state: CaseState): Open311Status {
  return OPEN_STATES.includes(state) ? 'open' : 'closed';
}

export const EXTENDED_STATUS: Record<CaseState, string> = {
  submitted: 'OPEN',
  triaged: 'OPEN',
  assigned: 'ACTION_SCHEDULED',
  in_progress: 'IN_PROGRESS',
  waiting_for_citizen: 'INVESTIGATING',
  reopened: 'OPEN',
  resolved: 'FIXED',
  closed: 'FIXED',
  rejected: 'NO_FURTHER_ACTION',
  merged: 'DUPLICATE',
};

/** What an agency's system may say in a posted update, and what CityPulse does about it. */
export type UpdateAction = 'work' | 'resolve' | 'hand_back';

const INCOMING: Record<string, UpdateAction> = {
  OPEN: 'work',
  REOPEN: 'work', // FixMyStreet's "still not fixed" with its mark_reopen option
  INVESTIGATING: 'work',
  IN_PROGRESS: 'work',
  ACTION_SCHEDULED: 'work',
  FIXED: 'resolve',
  CLOSED: 'resolve',
  DUPLICATE: 'hand_back',
  NOT_COUNCILS_RESPONSIBILITY: 'hand_back',
  NO_FURTHER_ACTION: 'hand_back',
  INTERNAL_REFERRAL: 'hand_back',
};

export const INCOMING_STATUSES = Object.keys(INCOMING);

/** The action for a posted status (open, closed or an extended one, any case), or null if unknown. */
export function updateActionOf(status: string): UpdateAction | null {
  return INCOMING[status.trim().toUpperCase().replace(/[ -]/g, '_')] ?? null;
}
