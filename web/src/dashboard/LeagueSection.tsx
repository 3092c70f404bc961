// The agencies' league, as Hue-S publishes it: ranked by the share resolved on time, then
// satisfaction, then speed; agencies with too few resolved cases are listed, unranked, last.
// Any column can sort the table; the rank stays the server's. On a phone each agency is a card
// with every figure (on time and satisfaction too), rather than a table scrolled sideways.
import { ChevronDown, ChevronsUpDown, ChevronUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeagueRow } from '../../../src/shared/dashboard';
import { localName } from '../ui/format';
import { Icon } from '../ui/icons';
import { useDashboard } from './api';
import { useDashboardContext } from './context';
import { FigureText, MissingNote } from './FigureText';
import { formatCount, formatHours, formatPercent } from './format';
import { useNarrow } from './narrow';
import { Figures, Section } from './Section';
import { TableFrame } from './TableFrame';

type SortKey =
  | 'rank'
  | 'agency'
  | 'received'
  | 'resolved'
  | 'open'
  | 'overdue'
  | 'on_time_rate'
  | 'median_hours_to_resolve'
  | 'satisfaction_rate';
type Direction = 'ascending' | 'descending';

interface Column {
  key: SortKey;
  numeric: boolean;
  /** The direction a first click sorts in: the best first. */
  first: Direction;
  staffOnly?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'rank', numeric: true, first: 'ascending' },
  { key: 'agency', numeric: false, first: 'ascending' },
  { key: 'received', numeric: true, first: 'descending' },
  { key: 'resolved', numeric: true, first: 'descending' },
  { key: 'open', numeric: true, first: 'descending' },
  { key: 'overdue', numeric: true, first: 'descending', staffOnly: true },
  { key: 'on_time_rate', numeric: true, first: 'descending' },
  { key: 'median_hours_to_resolve', numeric: true, first: 'ascending' },
  { key: 'satisfaction_rate', numeric: true, first: 'descending' },
];

export function LeagueSection() {
  const { t } = useTranslation('dashboard');
  const { audience, query, enabled } = useDashboardContext();
  const answer = useDashboard(audience, 'league', query, enabled);
  return (
    <Section title={t('league.title')} endpoint="league">
      <Figures
        query={answer}
        isEmpty={(data) => data.rows.length === 0}
        emptyTitle={t('league.empty')}
        emptyText={t('league.emptyText')}
      >
        {(data) => <LeagueTable rows={data.rows} minResolved={data.min_resolved} />}
      </Figures>
    </Section>
  );
}

function LeagueTable({ rows, minResolved }: { rows: LeagueRow[]; minResolved: number }) {
  const { t, i18n } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({ key: 'rank', direction: 'ascending' });
  const columns = COLUMNS.filter((column) => !column.staffOnly || audience === 'staff');

  const sorted = useMemo(() => {
    const value = (row: LeagueRow): number | string | null =>
      sort.key === 'agency' ? localName(row.agency) : sort.key === 'rank' ? row.rank : (row[sort.key] ?? null);
    const sign = sort.direction === 'ascending' ? 1 : -1;
    // stable: equal rows keep the server's order; a missing value is last whichever the direction
    return rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => {
        const x = value(a.row);
        const y = value(b.row);
        if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
        const order =
          typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, i18n.language) : Number(x) - Number(y);
        return order * sign || a.index - b.index;
      })
      .map(({ row }) => row);
  }, [rows, sort, i18n.language]);

  const click = (column: Column) =>
    setSort((current) =>
      current.key === column.key
        ? { key: column.key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key: column.key, direction: column.first },
    );

  const narrow = useNarrow();
  const missing = rows.some(
    (row) => row.on_time_rate === null || row.satisfaction_rate === null || row.median_hours_to_resolve === null,
  );

  if (narrow) {
    return (
      <>
        <p className="db-table-title">{t('league.cardsCaption')}</p>
        <ol className="db-league-cards">
          {sorted.map((row) => (
            <li key={row.agency.code} className="card db-league-card">
              <h3>
                <span className="db-league-rank">
                  {row.rank === null ? t('league.unranked') : t('league.rankOf', { rank: formatCount(row.rank) })}
                </span>{' '}
                {localName(row.agency)}
              </h3>
              <dl>
                {columns
                  .filter((column) => column.key !== 'rank' && column.key !== 'agency')
                  .map((column) => (
                    <div key={column.key}>
                      <dt>{t(`league.columns.${column.key}`)}</dt>
                      <dd>
                        <LeagueFigure row={row} column={column.key} />
                      </dd>
                    </div>
                  ))}
              </dl>
            </li>
          ))}
        </ol>
        <p className="db-note">{t('league.note', { count: minResolved })}</p>
        <MissingNote shown={missing} />
      </>
    );
  }

  return (
    <>
      <TableFrame title={t('league.caption')}>
        {(titleId) => (
          <table className="db-table db-league" aria-labelledby={titleId}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'db-num' : undefined}
                    aria-sort={sort.key === column.key ? sort.direction : undefined}
                  >
                    <button type="button" className="db-sort" onClick={() => click(column)}>
                      {t(`league.columns.${column.key}`)}
                      <span className="db-sort-mark">
                        {' '}
                        <Icon
                          of={
                            sort.key === column.key
                              ? sort.direction === 'ascending'
                                ? ChevronUp
                                : ChevronDown
                              : ChevronsUpDown
                          }
                        />
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.agency.code}>
                  <td className="db-num">
                    {row.rank === null ? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">{t('league.unranked')}</span>
                      </>
                    ) : (
                      formatCount(row.rank)
                    )}
                  </td>
                  <th scope="row">{localName(row.agency)}</th>
                  <td className="db-num">{formatCount(row.received)}</td>
                  <td className="db-num">{formatCount(row.resolved)}</td>
                  <td className="db-num">{formatCount(row.open)}</td>
                  {audience === 'staff' && <td className="db-num">{formatCount(row.overdue ?? 0)}</td>}
                  <td className="db-num">
                    <FigureText value={row.on_time_rate} format={formatPercent} />
                  </td>
                  <td className="db-num">
                    <FigureText value={row.median_hours_to_resolve} format={formatHours} />
                  </td>
                  <td className="db-num">
                    <FigureText value={row.satisfaction_rate} format={formatPercent} />
                    {row.rated > 0 && <span className="db-cell-note">{t('league.rated', { count: row.rated })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </TableFrame>
      <p className="db-note">{t('league.note', { count: minResolved })}</p>
      <MissingNote shown={missing} />
    </>
  );
}

/** One figure of an agency's card (the table's cells say the same). */
function LeagueFigure({ row, column }: { row: LeagueRow; column: SortKey }) {
  const { t } = useTranslation('dashboard');
  switch (column) {
    case 'on_time_rate':
      return <FigureText value={row.on_time_rate} format={formatPercent} />;
    case 'median_hours_to_resolve':
      return <FigureText value={row.median_hours_to_resolve} format={formatHours} />;
    case 'satisfaction_rate':
      return (
        <>
          <FigureText value={row.satisfaction_rate} format={formatPercent} />
          {row.rated > 0 && <span className="db-cell-note">{t('league.rated', { count: row.rated })}</span>}
        </>
      );
    case 'received':
    case 'resolved':
    case 'open':
      return <>{formatCount(row[column])}</>;
    case 'overdue':
      return <>{formatCount(row.overdue ?? 0)}</>;
    default:
      return null;
  }
}
