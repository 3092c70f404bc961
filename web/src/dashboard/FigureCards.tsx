// On a phone, a table of figures becomes a list of cards, one a row, each figure named beside
// its value: nothing scrolls sideways, and the on-time and satisfaction figures stay in view.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardMeasures } from '../../../src/shared/dashboard';
import { FigureText } from './FigureText';
import { formatMeasure, type MeasureKey } from './MeasureCells';

export interface FigureCard {
  key: string;
  title: ReactNode;
  /** The figures of the card, named, in the table's column order. */
  figures: readonly { key: string; name: string; value: ReactNode }[];
  /** Below the figures: an action on the row (the heatmap's "show on the map"). */
  action?: ReactNode;
}

export function FigureCards({ title, cards }: { title: string; cards: readonly FigureCard[] }) {
  return (
    <>
      <p className="db-table-title">{title}</p>
      <ol className="db-league-cards db-figure-cards">
        {cards.map((card) => (
          <li key={card.key} className="card db-league-card">
            <h3>{card.title}</h3>
            <dl>
              {card.figures.map((figure) => (
                <div key={figure.key}>
                  <dt>{figure.name}</dt>
                  <dd>{figure.value}</dd>
                </div>
              ))}
            </dl>
            {card.action}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The card figures of a breakdown or series row, as its table's MeasureCells show them. */
export function useMeasureFigures() {
  const { t } = useTranslation('dashboard');
  return (measures: DashboardMeasures, columns: readonly MeasureKey[]) =>
    columns.map((column) => ({
      key: column,
      name: t(`columns.${column}`),
      value: <FigureText value={measures[column]} format={formatMeasure(column)} />,
    }));
}
