// The public map of reports (/map), open to everyone: filters, then the map or its list.
// Filters, the face shown, the boundaries switch (on unless turned off) and the map's place are all in the URL, so a
// link shows what its sender saw. Leaflet and supercluster load with this page only.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui';
import { useSearchParamsUpdater } from '../../ui/useSearchParamsUpdater';
import { FilterBar } from './FilterBar';
import {
  applyFilters,
  type Bbox,
  filterProblems,
  formatMapView,
  hasProblems,
  type MapView,
  type ReportFilters,
  readFilters,
  readMapView,
} from './filters';
import { ReportList } from './ReportList';
import { ReportsMap } from './ReportsMap';

type Face = 'map' | 'list';

export default function MapPage() {
  const { t } = useTranslation('map');
  const [params, change] = useSearchParamsUpdater();
  const filters = readFilters(params);
  const problems = filterProblems(filters);
  const valid = !hasProblems(problems);
  const face: Face = params.get('view') === 'list' ? 'list' : 'map';
  const [visibleArea, setVisibleArea] = useState<Bbox | null>(null);

  const onFilters = (patch: Partial<ReportFilters>) => change((next) => applyFilters(next, patch));

  const onMoved = useCallback(
    (visible: Bbox, view: MapView) => {
      setVisibleArea(visible);
      change((next) => next.set('at', formatMapView(view)));
    },
    [change],
  );

  return (
    <Page title={t('title')}>
      <FilterBar filters={filters} problems={problems} onChange={onFilters} />
      <fieldset className="pm-faces">
        <legend className="visually-hidden">{t('views.label')}</legend>
        {(['map', 'list'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className={`button ${face === value ? 'primary' : 'secondary'}`}
            aria-pressed={face === value}
            onClick={() => change((next) => (value === 'list' ? next.set('view', 'list') : next.delete('view')))}
          >
            {t(`views.${value}`)}
          </button>
        ))}
      </fieldset>
      {face === 'map' ? (
        <ReportsMap
          filters={filters}
          filtersValid={valid}
          start={readMapView(params)}
          // on unless turned off: the wards are what a resident finds their way by (and all there is
          // to see when the tiles cannot be reached)
          showBoundaries={params.get('wards') !== '0'}
          onShowBoundaries={(show) => change((next) => (show ? next.delete('wards') : next.set('wards', '0')))}
          onMoved={onMoved}
        />
      ) : (
        <ReportList filters={filters} filtersValid={valid} visibleArea={visibleArea} />
      )}
    </Page>
  );
}
