// The queue on a map: the same filters (the same URL parameters as the list), the cases
// clustered, live updates, and the chosen case's summary beside the map with the way to its
// page. The list view says the same in a table, for those who do not use the map.
import type L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffCase } from '../../../../src/shared/cases';
import { BaseMap } from '../../map/BaseMap';
import { ErrorMessage, Page } from '../../ui';
import { useReferenceNames } from '../case/useReferenceNames';
import { AGENCY } from '../shell/StaffLayout';
import { useStaff } from '../shell/useStaff';
import { MAP_CASE_CAP, useQueueForMap } from './api';
import { CaseClusters, type CaseMarkLabels } from './CaseClusters';
import { LiveStatus } from './LiveStatus';
import { MapCaseCard } from './MapCaseCard';
import { QueueFilterBar } from './QueueFilterBar';
import { useLiveQueue } from './useLiveQueue';
import { useQueueParams } from './useQueueParams';

export default function QueueMapPage() {
  const { t } = useTranslation(['queue', 'case']);
  const staff = useStaff();
  const names = useReferenceNames();
  const { filters, setFilters, selectedId, select, search } = useQueueParams();
  const query = useQueueForMap(filters);
  const live = useLiveQueue();
  const [map, setMap] = useState<L.Map | null>(null);
  const [clusters, setClusters] = useState<CaseClusters | null>(null);
  const [group, setGroup] = useState<string[] | null>(null);
  const fittedFor = useRef<string | null>(null);
  const cases = query.data?.cases;
  const selected = cases?.find((item) => item.id === selectedId) ?? null;

  const labels = useMemo<CaseMarkLabels>(
    () => ({
      cluster: (count) => t('map.cluster', { count }),
      case: (item: StaffCase) =>
        [
          item.code,
          item.category
            ? names.category(item.category)
            : item.suggestion
              ? t('map.suggestedCategory', { category: names.category(item.suggestion.category) })
              : null,
          t(`case:states.${item.state}`),
          t(`case:priority.${item.priority}`),
          item.overdue ? t('map.overdue') : null,
        ]
          .filter(Boolean)
          .join(', '),
    }),
    [t, names],
  );

  // made once per map: labels and the selection reach it through setCases below
  // biome-ignore lint/correctness/useExhaustiveDependencies: select and markSeen are stable; labels come later
  useEffect(() => {
    if (!map) return;
    const layer = new CaseClusters(
      map,
      labels,
      (caseId) => {
        setGroup(null);
        select(caseId);
        live.markSeen(caseId);
      },
      setGroup,
    );
    setClusters(layer);
    return () => {
      layer.destroy();
      setClusters(null);
    };
  }, [map]);

  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    if (!clusters || !cases) return;
    clusters.setCases(cases, labels, selectedId);
    // the view follows a new filter, not every live refresh of the same one
    if (fittedFor.current !== filterKey) {
      fittedFor.current = filterKey;
      clusters.fit();
    }
  }, [clusters, cases, labels, selectedId, filterKey]);

  return (
    <Page
      title={t('map.title')}
      actions={
        <div className="sq-actions">
          <LiveStatus live={live} />
          <Link to={`/staff${search ? `?${search}` : ''}`}>{t('toList')}</Link>
        </div>
      }
    >
      <QueueFilterBar filters={filters} onChange={setFilters} showAgency={!AGENCY.includes(staff.role)} />
      <div className="sq-map-layout">
        <div className="sq-map">
          <BaseMap className="base-map sq-leaflet" label={t('map.label')} onReady={(created) => setMap(created)} />
          <p className="sq-map-count" role="status">
            {query.isPending
              ? t('map.loading')
              : cases
                ? query.data?.truncated
                  ? t('map.truncated', { count: cases.length, cap: MAP_CASE_CAP })
                  : t('map.count', { count: cases.length })
                : null}
          </p>
          {query.isError && <ErrorMessage error={query.error} onRetry={() => query.refetch()} />}
        </div>
        <aside className="sq-map-side" aria-labelledby="queue-map-side-title">
          <h2 id="queue-map-side-title">{t('map.chosen')}</h2>
          {group && cases && (
            <div className="sq-group">
              <p>{t('map.group', { count: group.length })}</p>
              <ul>
                {cases
                  .filter((item) => group.includes(item.id))
                  .map((item) => (
                    <li key={item.id}>
                      <button
                        type="button"
                        className="button link"
                        aria-current={item.id === selectedId ? 'true' : undefined}
                        onClick={() => {
                          select(item.id);
                          live.markSeen(item.id);
                        }}
                      >
                        {labels.case(item)}
                      </button>
                    </li>
                  ))}
              </ul>
            </div>
          )}
          {selected ? (
            <MapCaseCard staffCase={selected} listSearch={search} />
          ) : (
            <p className="muted">{selectedId && !query.isPending ? t('map.notInFilter') : t('map.chooseHint')}</p>
          )}
          <p className="hint">{t('map.listAlternative')}</p>
        </aside>
      </div>
    </Page>
  );
}
