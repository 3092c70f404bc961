// The words of a case's lifecycle: its states and the channels a report comes in by. Apart from
// cases.ts so that the case events (case-events.ts) and the case views can both build on them.
import Type from 'typebox';

export const CASE_STATES = [
  'submitted',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_for_citizen',
  'resolved',
  'closed',
  'reopened',
  'rejected',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CaseStateSchema = Type.Enum(CASE_STATES);

/** States in which the city still owes the citizen an answer. */
export const OPEN_STATES: readonly CaseState[] = [
  'submitted',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_for_citizen',
  'reopened',
];

export const CHANNELS = ['app', 'web', 'hotline', 'open311', 'sensor', 'assistant'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ChannelSchema = Type.Enum(CHANNELS);
