// The city dashboard, for staff (/staff/dashboard) or for the public (/transparency): the
// filter bar, the headline figures, the series, the breakdown, the heat map and the agency
// league, all asking the same question (the one in the URL).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { EmptyState } from '../ui';
import type { Audience } from './api';
import { useDashboard } from './api';
import { BreakdownSection } from './BreakdownSection';
import { DashboardContext, type DashboardContextValue } from './context';
import { FilterBar } from './FilterBar';
import { cityToday, filterQuery, rangeProblem, shiftDay } from './filters';
import { formatRange } from './format';
import { HeatmapSection } from './HeatmapSection';
import { LeagueSection } from './LeagueSection';
import { DashboardError } from './Section';
import { SeriesSection } from './SeriesSection';
import { SummarySection } from './SummarySection';
import { useDashboardParams } from './useDashboardParams';

/** Until the server has said which zone the city counts days in, the reader's own stands in. */
const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Refusals that concern the question itself: said once, above the sections, rather than in each. */
const QUESTION_ERRORS = ['invalid_range', 'range_too_long', 'unknown_category', 'unknown_agency', 'unknown_area'];

export function Dashboard({ audience, lockedAgency = false }: { audience: Audience; lockedAgency?: boolean }) {
  const { t } = useTranslation('dashboard');
  const { filters, view, change } = useDashboardParams();
  const problem = rangeProblem(filters);
  const enabled = problem === null;
  const query = useMemo(() => filterQuery(filters, { lockedAgency }), [filters, lockedAgency]);
  const summary = useDashboard(audience, 'summary', query, enabled);
  const timeZone = summary.data?.query.time_zone ?? READER_ZONE;

  // the range asked, with the server's defaults filled in the way the server fills them
  const range = useMemo(() => {
    if (!enabled) return null;
    const to = filters.to ?? cityToday(timeZone);
    return { from: filters.from ?? shiftDay(to, -29), to };
  }, [enabled, filters.from, filters.to, timeZone]);

  const context: DashboardContextValue = { audience, query, enabled, view, change, range };
  const questionError =
    summary.error instanceof ApiError && QUESTION_ERRORS.includes(summary.error.code) ? summary.error : null;

  return (
    <DashboardContext.Provider value={context}>
      <div className="db-dashboard">
        <FilterBar
          filters={filters}
          problem={problem}
          range={range}
          timeZone={timeZone}
          change={change}
          showAgency={!lockedAgency}
        />
        {problem ? (
          <EmptyState title={t('range.fixFirst')} />
        ) : questionError ? (
          <DashboardError error={questionError} />
        ) : (
          <>
            {range && (
              <p className="db-asked" aria-live="polite">
                {t('asked', { range: formatRange(range.from, range.to) })}
              </p>
            )}
            <div className="db-grid">
              <SummarySection summary={summary} />
              <SeriesSection />
              <BreakdownSection />
              <HeatmapSection />
              <LeagueSection />
            </div>
          </>
        )}
      </div>
    </DashboardContext.Provider>
  );
}
