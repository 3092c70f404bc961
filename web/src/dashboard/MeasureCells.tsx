// The columns of figures the breakdown and the series tables share, formatted for the reader.
import { useTranslation } from 'react-i18next';
import type { DashboardMeasures } from '../../../src/shared/dashboard';
import type { Audience } from './api';
import { FigureText } from './FigureText';
import { formatCount, formatHours, formatPercent } from './format';

export type MeasureKey = Exclude<keyof DashboardMeasures, 'rejected'>;

const COLUMNS: readonly MeasureKey[] = [
  'received',
  'open',
  'resolved',
  'overdue',
  'rated',
  'on_time_rate',
  'median_hours_to_first_response',
  'median_hours_to_resolve',
  'satisfaction_rate',
  'reopen_rate',
];

export const measureColumns = (audience: Audience) =>
  COLUMNS.filter((column) => audience === 'staff' || column !== 'overdue');

export function formatMeasure(key: keyof DashboardMeasures): (value: number) => string {
  if (key.endsWith('_rate')) return formatPercent;
  if (key.startsWith('median_hours')) return formatHours;
  return formatCount;
}

/** True when a row has a figure the public may not see, or staff have no case for: its table needs the note. */
export const hasMissing = (measures: DashboardMeasures, columns: readonly MeasureKey[]) =>
  columns.some((column) => measures[column] === null);

export function MeasureHeads({ columns }: { columns: readonly MeasureKey[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <>
      {columns.map((column) => (
        <th key={column} scope="col" className="db-num">
          {t(`columns.${column}`)}
        </th>
      ))}
    </>
  );
}

export function MeasureCells({ measures, columns }: { measures: DashboardMeasures; columns: readonly MeasureKey[] }) {
  return (
    <>
      {columns.map((column) => (
        <td key={column} className="db-num">
          <FigureText value={measures[column]} format={formatMeasure(column)} />
        </td>
      ))}
    </>
  );
}
