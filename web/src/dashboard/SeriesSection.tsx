// The figures over time: per day, week or month (chosen, or fitted to the length of the
// range), reports received in each interval and how many of them are resolved by now.
import { lazy, Suspense, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVALS, type SeriesInterval, type SeriesPoint } from '../../../src/shared/dashboard';
import { Loading } from '../ui';
import { useDashboard } from './api';
import { Choice } from './Choice';
import { useDashboardContext } from './context';
import { FigureCards, useMeasureFigures } from './FigureCards';
import { MissingNote } from './FigureText';
import { defaultInterval } from './filters';
import { formatCount, formatInterval, formatRange, formatTick } from './format';
import { hasMissing, MeasureCells, MeasureHeads, measureColumns } from './MeasureCells';
import { useNarrow } from './narrow';
import { Figures, Section } from './Section';
import { MoreRows, TableFrame, usePaged } from './TableFrame';

const SeriesChart = lazy(() => import('./charts').then((charts) => ({ default: charts.SeriesChart })));

const TABLE_PAGE = 31;

export function SeriesSection() {
  const { t } = useTranslation('dashboard');
  const { audience, query, enabled, view, change, range } = useDashboardContext();
  const id = useId();
  const interval = view.interval ?? (range ? defaultInterval(range.from, range.to) : 'day');
  const answer = useDashboard(audience, 'series', { ...query, interval }, enabled);

  return (
    <Section
      title={t('series.title')}
      endpoint="series"
      csvQuery={{ interval }}
      controls={
        <Choice
          legend={t('series.interval')}
          name={`${id}-interval`}
          value={interval}
          options={INTERVALS.map((option) => [option, t(`intervals.${option}`)])}
          onChange={(chosen) => change({ interval: chosen })}
        />
      }
    >
      <Figures query={answer} isEmpty={(data) => data.points.every((point) => point.measures.received === 0)}>
        {(data) => (
          <SeriesBody
            points={data.points}
            interval={data.interval}
            range={data.query}
            listKey={JSON.stringify([query, data.interval])}
          />
        )}
      </Figures>
    </Section>
  );
}

function SeriesBody({
  points,
  interval,
  range,
  listKey,
}: {
  points: SeriesPoint[];
  interval: SeriesInterval;
  range: { from: string; to: string };
  listKey: string;
}) {
  const { t } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  const columns = measureColumns(audience);
  const paged = usePaged(points, TABLE_PAGE, listKey);
  const narrow = useNarrow();
  const figures = useMeasureFigures();
  const received = points.reduce((sum, point) => sum + point.measures.received, 0);
  const busiest = points.reduce((best, point) => (point.measures.received > best.measures.received ? point : best));
  const caption = t('series.caption', {
    interval: t(`intervalPhrase.${interval}`),
    range: formatRange(range.from, range.to),
  });
  // the chart's description says what a reader would take from it
  const desc = t('series.chartDesc', {
    total: formatCount(received),
    busiest: formatInterval(busiest.start, busiest.end, interval),
    count: busiest.measures.received,
    value: formatCount(busiest.measures.received),
  });

  return (
    <>
      <figure className="db-chart">
        <figcaption>
          {caption}
          <span className="db-note-inline"> {desc}</span>
        </figcaption>
        <Suspense fallback={<Loading label={t('chartLoading')} />}>
          <SeriesChart
            data={points.map((point) => ({
              label: formatTick(point.start, interval),
              received: point.measures.received,
              resolved: point.measures.resolved,
            }))}
            title={caption}
            desc={desc}
            names={{ received: t('measures.received'), resolved: t('series.resolvedOfThem') }}
            format={formatCount}
          />
        </Suspense>
      </figure>
      <details className="db-details">
        <summary>{t('series.showTable')}</summary>
        {narrow ? (
          <FigureCards
            title={caption}
            cards={paged.visible.map((point) => ({
              key: point.start,
              title: formatInterval(point.start, point.end, interval),
              figures: figures(point.measures, columns),
            }))}
          />
        ) : (
          <TableFrame title={caption}>
            {(titleId) => (
              <table className="db-table" aria-labelledby={titleId}>
                <thead>
                  <tr>
                    <th scope="col">{t(`series.period.${interval}`)}</th>
                    <MeasureHeads columns={columns} />
                  </tr>
                </thead>
                <tbody>
                  {paged.visible.map((point) => (
                    <tr key={point.start}>
                      <th scope="row">{formatInterval(point.start, point.end, interval)}</th>
                      <MeasureCells measures={point.measures} columns={columns} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </TableFrame>
        )}
        <MoreRows paged={paged} />
        <MissingNote shown={points.some((point) => hasMissing(point.measures, columns))} />
      </details>
    </>
  );
}
