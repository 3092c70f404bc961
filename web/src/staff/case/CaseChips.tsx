// A case's state, priority and deadline as staff read them: words and a symbol carry the
// meaning, colour only helps. (The citizen's chips speak to the reporter: "waiting for you".)
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../src/shared/cases';
import type { Priority } from '../../../../src/shared/reference-data';
import { formatDateTime } from '../../ui/format';

const STATE_SYMBOLS: Record<CaseState, string> = {
  submitted: '●',
  triaged: '◐',
  assigned: '➜',
  in_progress: '⚙',
  waiting_for_citizen: '?',
  resolved: '✓',
  closed: '✔',
  reopened: '↺',
  rejected: '✕',
  merged: '⇉',
};

const PRIORITY_SYMBOLS: Record<Priority, string> = { low: '▽', normal: '◇', high: '▲', urgent: '‼' };

export function StaffStateChip({ state }: { state: CaseState }) {
  const { t } = useTranslation('case');
  return (
    <span className={`chip state-${state}`}>
      <span aria-hidden="true">{STATE_SYMBOLS[state]}</span> {t(`states.${state}`)}
    </span>
  );
}

/** `labelled`: "Priority: high" where nothing around says it is the priority (not in a table column). */
export function PriorityChip({ priority, labelled = true }: { priority: Priority; labelled?: boolean }) {
  const { t } = useTranslation('case');
  const words = t(`priority.${priority}`);
  return (
    <span className={`chip sc-priority-${priority}`}>
      <span aria-hidden="true">{PRIORITY_SYMBOLS[priority]}</span>{' '}
      {labelled ? t('priorityLabel', { priority: words }) : words}
    </span>
  );
}

/** `paused`: the case waits for the citizen, and its deadline with it (the SLA clock stops). */
export function DueChip({ dueAt, overdue, paused = false }: { dueAt: string; overdue: boolean; paused?: boolean }) {
  const { t } = useTranslation('case');
  const when = formatDateTime(dueAt);
  if (paused) {
    return (
      <span className="chip paused">
        <span aria-hidden="true">⏸</span> {t('due.paused')}
      </span>
    );
  }
  return overdue ? (
    <span className="chip overdue">
      <span aria-hidden="true">⚠</span> {t('due.overdue', { when })}
    </span>
  ) : (
    <span className="chip due">
      <span aria-hidden="true">◷</span> {t('due.due', { when })}
    </span>
  );
}
