// Small helpers the administration forms share for validation the person can follow.

/** The first control in error, in the order of the form: a field, or the first box of a group. */
const FIRST_INVALID = '[aria-invalid="true"], fieldset.has-error input';

/** Moves focus to the first control in error once React has drawn the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>(FIRST_INVALID)?.focus());
}

/** A group of checkboxes is described by its hint and, when there is one, its error. */
export const groupDescription = (id: string, error: string | undefined | null) =>
  error ? `${id}-hint ${id}-error` : `${id}-hint`;

/** Only the fields whose value differs from before: a PATCH sends what changed. */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) ? [...a].sort().join('\n') === [...b].sort().join('\n') : a === b;
  return Object.fromEntries(
    (Object.keys(after) as (keyof T)[])
      .filter((field) => !same(before[field], after[field]))
      .map((field) => [field, after[field]]),
  ) as Partial<T>;
}
