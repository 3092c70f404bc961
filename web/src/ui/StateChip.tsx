// A case's state as a chip: the words and a symbol carry the meaning, colour only helps.
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../src/shared/cases';
import { formatDateTime } from './format';

const SYMBOLS: Record<CaseState, string> = {
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

export function StateChip({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <span className={`chip state-${state}`}>
      <span aria-hidden="true">{SYMBOLS[state]}</span> {t(`states.${state}`)}
    </span>
  );
}

/**
 * Due or overdue, in words (and a symbol), for open cases with a deadline; `paused` while the
 * case waits for the citizen, when the deadline's clock stops.
 */
export function DueChip({ dueAt, overdue, paused = false }: { dueAt: string | null; overdue: boolean; paused?: boolean }) {
  const { t } = useTranslation();
  if (!dueAt) return null;
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
