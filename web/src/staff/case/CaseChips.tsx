// A case's state, priority and deadline as staff read them: the words carry the meaning, an
// icon and colour only help. (The citizen's chips speak to the reporter: "waiting for you".)
import { ChevronDown, ChevronsUp, ChevronUp, type LucideIcon, Minus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../../src/shared/cases';
import type { Priority } from '../../../../src/shared/reference-data';
import { formatDateTime } from '../../ui/format';
import { DUE_ICONS, Icon, STATE_ICONS } from '../../ui/icons';

const PRIORITY_ICONS: Record<Priority, LucideIcon> = {
  low: ChevronDown,
  normal: Minus,
  high: ChevronUp,
  urgent: ChevronsUp,
};

export function StaffStateChip({ state }: { state: CaseState }) {
  const { t } = useTranslation('case');
  return (
    <span className={`chip state-${state}`}>
      <Icon of={STATE_ICONS[state]} /> {t(`states.${state}`)}
    </span>
  );
}

/** `labelled`: "Priority: high" where nothing around says it is the priority (not in a table column). */
export function PriorityChip({ priority, labelled = true }: { priority: Priority; labelled?: boolean }) {
  const { t } = useTranslation('case');
  const words = t(`priority.${priority}`);
  return (
    <span className={`chip sc-priority-${priority}`}>
      <Icon of={PRIORITY_ICONS[priority]} /> {labelled ? t('priorityLabel', { priority: words }) : words}
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
        <Icon of={DUE_ICONS.paused} /> {t('due.paused')}
      </span>
    );
  }
  return overdue ? (
    <span className="chip overdue">
      <Icon of={DUE_ICONS.overdue} /> {t('due.overdue', { when })}
    </span>
  ) : (
    <span className="chip due">
      <Icon of={DUE_ICONS.due} /> {t('due.due', { when })}
    </span>
  );
}
