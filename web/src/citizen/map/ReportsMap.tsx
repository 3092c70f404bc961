// The map face of the public map: the reports of the visible area, clustered, the ward
// boundaries on request, and the card of a chosen report. The reports are asked for again
// when the map stops moving (debounced), for the view plus a margin so that small pans are free.
import type L from 'leaflet';
import { Check, ExclamationMark } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../map/BaseMap';
import { ErrorMessage } from '../../ui';
import { localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { boundaryLayer } from './boundaries';
import { type Bbox, type MapView, type ReportFilters, roundBbox } from './filters';
import { ReportCard, type Selection } from './ReportCard';
import { type ClusterLabels, ReportClusters } from './ReportClusters';
import { useAreaBoundaries, useNames } from './reference';
import { MAP_REPORT_CAP, useReportsInView } from './reports';

const REFETCH_DELAY_MS = 350;

const bboxOf = (bounds: L.LatLngBounds): Bbox =>
  roundBbox([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]);

export interface ReportsMapProps {
  filters: ReportFilters;
  /** False while the filters cannot be asked for (a date range backwards): nothing is drawn. */
  filtersValid: boolean;
  start: MapView | null;
  showBoundaries: boolean;
  onShowBoundaries: (show: boolean) => void;
  /** After each move: the visible area and the view, for the list and the URL. */
  onMoved: (visible: Bbox, view: MapView) => void;
}

export function ReportsMap({
  filters,
  filtersValid,
  start,
  showBoundaries,
  onShowBoundaries,
  onMoved,
}: ReportsMapProps) {
  const { t, i18n } = useTranslation('map');
  const names = useNames();
  const [map, setMap] = useState<L.Map | null>(null);
  const [fetchBbox, setFetchBbox] = useState<Bbox | null>(null);
  const [visibleCount, setVisibleCount] = useState<number | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const clusters = useRef<ReportClusters | null>(null);
  const moved = useRef(onMoved);
  moved.current = onMoved;

  const reports = useReportsInView(filters, fetchBbox, filtersValid);
  const boundaries = useAreaBoundaries(showBoundaries);

  const labels = useMemo<ClusterLabels>(
    () => ({
      cluster: (count) => t('marks.cluster', { count }),
      report: (report) =>
        [report.code, names.category(report.category), i18n.t(`states.${report.state}`, { ns: 'common' })]
          .filter(Boolean)
          .join(', '),
    }),
    [t, i18n, names],
  );
  const currentLabels = useRef(labels);
  currentLabels.current = labels;

  // The map exists once BaseMap has made it; everything drawn on it hangs off this effect.
  useEffect(() => {
    if (!map) return;
    const layer = new ReportClusters(map, currentLabels.current, {
      onReport: (report) => setSelection({ kind: 'report', report }),
      onGroup: (group) => setSelection({ kind: 'group', reports: group }),
      onVisibleCount: setVisibleCount,
    });
    clusters.current = layer;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const center = map.getCenter();
        moved.current(bboxOf(map.getBounds()), { lat: center.lat, lon: center.lng, zoom: map.getZoom() });
        setFetchBbox(bboxOf(map.getBounds().pad(0.25)));
      }, REFETCH_DELAY_MS);
    };
    map.on('moveend', settle);
    settle();
    return () => {
      clearTimeout(timer);
      map.off('moveend', settle);
      layer.destroy();
      clusters.current = null;
    };
  }, [map]);

  useEffect(() => {
    clusters.current?.setLabels(labels);
  }, [labels]);

  useEffect(() => {
    if (!map) return;
    clusters.current?.setReports(filtersValid ? (reports.data?.features ?? []) : []);
  }, [map, reports.data, filtersValid]);

  useEffect(() => {
    if (!map || !showBoundaries || !boundaries.data) return;
    const layer = boundaryLayer(boundaries.data.items, localName).addTo(map);
    layer.bringToBack();
    return () => {
      layer.remove();
    };
  }, [map, showBoundaries, boundaries.data]);

  const onReady = useCallback((created: L.Map) => setMap(created), []);

  const status = !filtersValid
    ? t('status.fixFilters')
    : reports.isPending || visibleCount === null
      ? t('status.loading')
      : visibleCount === 0
        ? t('status.none')
        : t('status.count', { count: visibleCount });

  return (
    <div className="pm-map">
      <div className="pm-tools">
        <label className="pm-check">
          <input
            type="checkbox"
            checked={showBoundaries}
            onChange={(event) => onShowBoundaries(event.target.checked)}
          />
          {t('boundaries.toggle')}
        </label>
      </div>
      {boundaries.isError && <ErrorMessage error={boundaries.error} onRetry={() => boundaries.refetch()} />}
      {reports.isError && <ErrorMessage error={reports.error} onRetry={() => reports.refetch()} />}
      <p className="pm-status" role="status" aria-live="polite">
        {status}
        {reports.isFetching && !reports.isPending && <span className="muted"> {t('status.updating')}</span>}
      </p>
      {filtersValid && reports.data?.truncated && (
        <p className="map-note pm-truncated">{t('status.truncated', { count: MAP_REPORT_CAP })}</p>
      )}
      <div className="pm-frame">
        <BaseMap
          label={t('mapLabel')}
          className="base-map pm-leaflet"
          onReady={onReady}
          center={start ? { lat: start.lat, lon: start.lon } : undefined}
          zoom={start?.zoom}
        />
        {selection && (
          <ReportCard
            key={selection.kind === 'report' ? selection.report.properties.code : 'group'}
            selection={selection}
            onClose={() => setSelection(null)}
          />
        )}
      </div>
      <p className="pm-legend" aria-hidden="true">
        <span className="pm-legend-mark pm-open">
          <Icon of={ExclamationMark} />
        </span>{' '}
        {t('legend.open')}
        <span className="pm-legend-mark pm-done">
          <Icon of={Check} />
        </span>{' '}
        {t('legend.done')}
        <span className="pm-legend-mark pm-cluster-sample">3</span> {t('legend.cluster')}
      </p>
    </div>
  );
}
