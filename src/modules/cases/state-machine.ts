// The case lifecycle of DESIGN.md, in one table: which action may happen in which state and
// where it leads. Every change to a case goes through assertTransition.
import { conflict } from '../../platform/errors.js';
import { type CaseState, OPEN_STATES } from '../../shared/cases.js';

export type CaseAction =
  | 'triage'
  | 'assign'
  | 'accept'
  | 'request_info'
  | 'reply'
  | 'transfer_to_ioc'
  | 'transfer_to_agency'
  | 'resolve'
  | 'rate_satisfied'
  | 'rate_unsatisfied'
  | 'close_unrated'
  | 'reject'
  | 'merge'
  | 'reopen';

interface Transition {
  from: readonly CaseState[];
  to: CaseState;
}

export const TRANSITIONS: Record<CaseAction, Transition> = {
  triage: { from: ['submitted'], to: 'triaged' },
  assign: { from: ['submitted', 'triaged'], to: 'assigned' },
  accept: { from: ['assigned', 'reopened'], to: 'in_progress' },
  request_info: { from: ['in_progress'], to: 'waiting_for_citizen' },
  reply: { from: ['waiting_for_citizen'], to: 'in_progress' },
  // a wrong case goes back to the operations center, or straight to another agency
  transfer_to_ioc: { from: ['assigned', 'in_progress', 'waiting_for_citizen', 'reopened'], to: 'triaged' },
  transfer_to_agency: { from: ['assigned', 'in_progress', 'waiting_for_citizen', 'reopened'], to: 'assigned' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  rate_satisfied: { from: ['resolved'], to: 'closed' },
  rate_unsatisfied: { from: ['resolved'], to: 'reopened' },
  close_unrated: { from: ['resolved'], to: 'closed' },
  reject: { from: ['triaged', 'assigned'], to: 'rejected' },
  merge: { from: OPEN_STATES, to: 'merged' },
  // a citizen's "still not fixed" relayed by a front end (closed is final, as after a rating)
  reopen: { from: ['resolved'], to: 'reopened' },
};

/** Actions possible from a state, for the 409 answer and for clients that draw buttons. */
export function allowedActions(state: CaseState): CaseAction[] {
  return (Object.keys(TRANSITIONS) as CaseAction[]).filter((action) => TRANSITIONS[action].from.includes(state));
}

export function assertTransition(state: CaseState, action: CaseAction): CaseState {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(state)) {
    throw conflict('invalid_transition', `A case in the state ${state} does not allow the action ${action}`, {
      state,
      action,
      allowed_actions: allowedActions(state),
    });
  }
  return transition.to;
}
