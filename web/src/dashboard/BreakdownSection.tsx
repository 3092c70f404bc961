// The figures by category, agency, area or channel: a bar chart of one chosen figure for the
// largest groups, and the table of every group with every figure.
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BREAKDOWNS, type BreakdownRow } from '../../../src/shared/dashboard';
import { Loading } from '../ui';
import { localName } from '../ui/format';
import { useDashboard } from './api';
import { Choice } from './Choice';
import { useDashboardContext } from './context';
import { FigureCards, useMeasureFigures } from './FigureCards';
import { MissingNote } from './FigureText';
import { formatMeasure, hasMissing, MeasureCells, MeasureHeads, type MeasureKey, measureColumns } from './MeasureCells';
import { useNarrow } from './narrow';
import { Figures, Section } from './Section';
import { MoreRows, TableFrame, usePaged } from './TableFrame';

const BreakdownChart = lazy(() => import('./charts').then((charts) => ({ default: charts.BreakdownChart })));

const CHART_MEASURES = ['received', 'open', 'resolved', 'on_time_rate', 'satisfaction_rate'] as const;
type ChartMeasure = (typeof CHART_MEASURES)[number];
/** The chart shows the largest groups; the table shows them all. */
const CHART_GROUPS = 12;
const TABLE_PAGE = 25;

export function BreakdownSection() {
  const { t } = useTranslation('dashboard');
  const { audience, query, enabled, view, change } = useDashboardContext();
  const id = useId();
  const [measure, setMeasure] = useState<ChartMeasure>('received');
  const answer = useDashboard(audience, 'breakdown', { ...query, by: view.by }, enabled);
  const byName = t(`by.${view.by}`);
  const byPhrase = t(`byPhrase.${view.by}`);

  return (
    <Section
      title={t('breakdown.title')}
      endpoint="breakdown"
      csvQuery={{ by: view.by }}
      controls={
        <>
          <Choice
            legend={t('breakdown.by')}
            name={`${id}-by`}
            value={view.by}
            options={BREAKDOWNS.map((by) => [by, t(`by.${by}`)])}
            onChange={(by) => change({ by })}
          />
          <div className="field">
            <label htmlFor={`${id}-measure`}>{t('breakdown.measure')}</label>
            <select
              id={`${id}-measure`}
              value={measure}
              onChange={(event) => setMeasure(event.target.value as ChartMeasure)}
            >
              {CHART_MEASURES.map((key) => (
                <option key={key} value={key}>
                  {t(`measures.${key}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      }
    >
      <Figures query={answer} isEmpty={(data) => data.rows.length === 0}>
        {(data) => (
          <BreakdownBody
            rows={data.rows}
            measure={measure}
            byName={byName}
            byPhrase={byPhrase}
            listKey={JSON.stringify([query, view.by])}
          />
        )}
      </Figures>
    </Section>
  );
}

function BreakdownBody({
  rows,
  measure,
  byName,
  byPhrase,
  listKey,
}: {
  rows: BreakdownRow[];
  measure: ChartMeasure;
  byName: string;
  byPhrase: string;
  listKey: string;
}) {
  const { t } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  const columns = measureColumns(audience);
  const paged = usePaged(rows, TABLE_PAGE, listKey);
  const narrow = useNarrow();
  const figures = useMeasureFigures();
  const measureName = t(`measures.${measure}`);
  const charted = rows.slice(0, CHART_GROUPS);
  const caption =
    rows.length > CHART_GROUPS
      ? t('breakdown.captionTop', { measure: measureName, by: byPhrase, count: CHART_GROUPS })
      : t('breakdown.caption', { measure: measureName, by: byPhrase });

  return (
    <>
      <figure className="db-chart">
        <figcaption>{caption}</figcaption>
        <Suspense fallback={<Loading label={t('chartLoading')} />}>
          <BreakdownChart
            data={charted.map((row) => ({ name: localName(row), value: chartValue(row, measure) }))}
            title={caption}
            desc={t('breakdown.chartDesc')}
            seriesName={measureName}
            format={formatMeasure(measure)}
          />
        </Suspense>
      </figure>
      {narrow ? (
        <FigureCards
          title={t('breakdown.tableCaption', { by: byPhrase })}
          cards={paged.visible.map((row) => ({
            key: row.key ?? 'none',
            title: localName(row),
            figures: figures(row.measures, columns),
          }))}
        />
      ) : (
        <TableFrame title={t('breakdown.tableCaption', { by: byPhrase })}>
          {(titleId) => (
            <table className="db-table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">{byName}</th>
                  <MeasureHeads columns={columns} />
                </tr>
              </thead>
              <tbody>
                {paged.visible.map((row) => (
                  <tr key={row.key ?? 'none'}>
                    <th scope="row">{localName(row)}</th>
                    <MeasureCells measures={row.measures} columns={columns} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </TableFrame>
      )}
      <MoreRows paged={paged} />
      <MissingNote shown={rows.some((row) => hasMissing(row.measures, columns))} />
    </>
  );
}

const chartValue = (row: BreakdownRow, measure: MeasureKey) => row.measures[measure] ?? null;
