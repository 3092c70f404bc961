// A case's state as a chip: the words carry the meaning, an icon and colour only help.
import { useTranslation } from 'react-i18next';
import type { CaseState } from '../../../src/shared/cases';
import { formatDateTime } from './format';
import { DUE_ICONS, Icon, STATE_ICONS } from './icons';

export function StateChip({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <span className={`chip state-${state}`}>
      <Icon of={STATE_ICONS[state]} /> {t(`states.${state}`)}
    </span>
  );
}

/**
 * Due or overdue, in words (and a symbol), for open cases with a deadline; `paused` while the
 * case waits for the citizen, when the deadline's clock stops.
 */
export function DueChip({
  dueAt,
  overdue,
  paused = false,
}: {
  dueAt: string | null;
  overdue: boolean;
  paused?: boolean;
}) {
  const { t } = useTranslation();
  if (!dueAt) return null;
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
