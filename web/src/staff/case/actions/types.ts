// What every action form is given: the case as the staff member sees it, and the one way to
// act on it (the view adds the version, reloads on conflict and reports the outcome).
import type { StaffCase } from '../../../../../src/shared/cases';
import type { StaffAction } from '../caseActions';

/**
 * Runs an action with the version the person saw. Resolves true when done, false when the
 * case changed meanwhile (the view reloads it and says so); rejects on any other failure.
 */
export type SubmitAction = (action: StaffAction, body: Record<string, unknown>) => Promise<boolean>;

export interface ActionFormProps {
  staffCase: StaffCase;
  submit: SubmitAction;
}

/** The server's limit for every message, reason and note. */
export const MAX_MESSAGE = 4000;
