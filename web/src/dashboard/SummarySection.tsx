// The headline figures of the range: received, open, resolved, on time, how fast the first
// answer and the resolution came (medians), satisfaction and reopenings. Staff also see how
// many are overdue now; the public sees "—" where too few cases stand behind a figure.

import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardMeasures, SummaryAnswer } from '../../../src/shared/dashboard';
import { useDashboardContext } from './context';
import { useMissingReason } from './FigureText';
import { formatCount, formatHours, formatPercent } from './format';
import { Figures, Section } from './Section';

interface FigureSpec {
  key: keyof DashboardMeasures;
  format: (value: number) => string;
  note?: (measures: DashboardMeasures) => string | null;
  staffOnly?: boolean;
}

export function SummarySection({ summary }: { summary: UseQueryResult<SummaryAnswer> }) {
  const { t } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  const specs: FigureSpec[] = [
    { key: 'received', format: formatCount },
    { key: 'open', format: formatCount },
    { key: 'resolved', format: formatCount },
    { key: 'overdue', format: formatCount, staffOnly: true },
    { key: 'rejected', format: formatCount },
    { key: 'on_time_rate', format: formatPercent },
    { key: 'median_hours_to_first_response', format: formatHours, note: () => t('summary.median') },
    { key: 'median_hours_to_resolve', format: formatHours, note: () => t('summary.median') },
    {
      key: 'satisfaction_rate',
      format: formatPercent,
      note: (measures) => t('summary.ratedCount', { count: measures.rated, value: formatCount(measures.rated) }),
    },
    { key: 'reopen_rate', format: formatPercent },
  ];
  return (
    <Section title={t('summary.title')} endpoint="summary">
      <Figures query={summary} isEmpty={() => false}>
        {(answer) => (
          <>
            {answer.measures.received === 0 && <p className="db-note">{t('summary.none')}</p>}
            <div className="db-cards">
              {specs
                .filter((spec) => !spec.staffOnly || audience === 'staff')
                .map((spec) => (
                  <FigureCard key={spec.key} spec={spec} measures={answer.measures} />
                ))}
            </div>
          </>
        )}
      </Figures>
    </Section>
  );
}

function FigureCard({ spec, measures }: { spec: FigureSpec; measures: DashboardMeasures }) {
  const { t } = useTranslation('dashboard');
  const id = useId();
  const reason = useMissingReason();
  const value = measures[spec.key];
  // a note qualifies a figure: none for a figure that is not there
  const note = value === null || value === undefined ? null : spec.note?.(measures);
  return (
    // a group named by its term, so that "Tiếp nhận: 12" is one thing to a screen reader; not a
    // fieldset (no form here), not a region (ten more landmarks would drown the page's own)
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div className="db-card" role="group" aria-labelledby={id}>
      <p className="db-card-term" id={id}>
        {t(`measures.${spec.key}`)}
      </p>
      <p className="db-card-value">
        {value === null || value === undefined ? (
          <>
            <strong aria-hidden="true">—</strong>
            <span className="db-card-missing">{reason}</span>
          </>
        ) : (
          <strong>{spec.format(value)}</strong>
        )}
        {note && <span className="db-card-note">{note}</span>}
      </p>
      <p className="db-card-help">{t(`help.${spec.key}`)}</p>
    </div>
  );
}
