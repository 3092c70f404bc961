// Which actions a staff member may take on a case in its current state: the server's state
// machine (src/modules/cases/state-machine.ts) and its route roles, mirrored in this one
// place because the case answer does not list them. The e2e test checks the two agree.
import type { CaseState } from '../../../../src/shared/cases.js';
import type { Role } from '../../../../src/shared/roles.js';

/** The states a staff action may start from, as the server's TRANSITIONS says. */
export const ACTION_FROM = {
  assign: ['submitted', 'triaged'],
  accept: ['assigned', 'reopened'],
  request_info: ['in_progress'],
  transfer_to_ioc: ['assigned', 'in_progress', 'waiting_for_citizen', 'reopened'],
  transfer_to_agency: ['assigned', 'in_progress', 'waiting_for_citizen', 'reopened'],
  resolve: ['in_progress'],
  reject: ['triaged', 'assigned'],
  merge: ['submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened'],
} as const satisfies Record<string, readonly CaseState[]>;

/** What the console offers, each one a POST /cases/:id/<path>. */
export type StaffAction =
  | 'categorize'
  | 'assign'
  | 'reject'
  | 'merge'
  | 'accept'
  | 'request_info'
  | 'transfer'
  | 'resolve'
  | 'note';

export const ACTION_PATHS: Record<StaffAction, string> = {
  categorize: 'triage',
  assign: 'assign',
  reject: 'reject',
  merge: 'merge',
  accept: 'accept',
  request_info: 'request-info',
  transfer: 'transfer',
  resolve: 'resolve',
  note: 'notes',
};

const OPEN: readonly CaseState[] = ACTION_FROM.merge;
const OPERATOR_ROLES: readonly Role[] = ['operator', 'admin'];
const AGENCY_ROLES: readonly Role[] = ['agency_staff', 'agency_admin'];

const may = (from: readonly CaseState[], state: CaseState) => from.includes(state);

/** The actions to offer, in the order an operator or agency works through a case. */
export function availableActions(role: Role, state: CaseState): StaffAction[] {
  const actions: StaffAction[] = [];
  if (OPERATOR_ROLES.includes(role)) {
    if (may(ACTION_FROM.assign, state)) actions.push('assign');
    // the server takes a new category or priority in any state; it matters while the case is open
    if (may(OPEN, state)) actions.push('categorize');
    if (may(ACTION_FROM.reject, state)) actions.push('reject');
  }
  if (AGENCY_ROLES.includes(role)) {
    if (may(ACTION_FROM.accept, state)) actions.push('accept');
    if (may(ACTION_FROM.resolve, state)) actions.push('resolve');
    if (may(ACTION_FROM.request_info, state)) actions.push('request_info');
    if (may(ACTION_FROM.transfer_to_ioc, state) || may(ACTION_FROM.transfer_to_agency, state)) {
      actions.push('transfer');
    }
  }
  actions.push('note');
  return actions;
}

/** Merging lives with the duplicate candidates, not in the action panel. */
export function mayMerge(role: Role, state: CaseState): boolean {
  return OPERATOR_ROLES.includes(role) && may(ACTION_FROM.merge, state);
}
