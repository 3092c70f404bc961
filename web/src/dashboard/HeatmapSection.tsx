// Where reports come from: H3 hexagons on the map, coloured by how many reports each holds,
// a legend in words and numbers, and the same cells as a table (most reports first) whose rows
// can bring their hexagon into view.
import type L from 'leaflet';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HEATMAP_RESOLUTIONS, type HeatmapAnswer, type HeatmapCell } from '../../../src/shared/dashboard';
import { BaseMap } from '../map/BaseMap';
import { type Audience, useDashboard } from './api';
import { useDashboardContext } from './context';
import { FigureCards } from './FigureCards';
import { formatCount } from './format';
import type { HexagonLayer } from './HexagonLayer';
import { classOf, type HeatClass, heatClasses } from './heatScale';
import { useNarrow } from './narrow';
import { Figures, Section } from './Section';
import { MoreRows, TableFrame, usePaged } from './TableFrame';

/**
 * The public heat map stops at resolution 7 (the server answers `resolution_too_fine` below
 * it): finer hexagons are read from the cases themselves, which only staff may make it do.
 */
const PUBLIC_FINEST = 7;
const resolutionsFor = (audience: Audience) => {
  const finest = audience === 'public' ? PUBLIC_FINEST : HEATMAP_RESOLUTIONS.max;
  return Array.from({ length: finest - HEATMAP_RESOLUTIONS.min + 1 }, (_, i) => HEATMAP_RESOLUTIONS.min + i);
};
const TABLE_PAGE = 10;

export function HeatmapSection() {
  const { t } = useTranslation('dashboard');
  const { audience, query, enabled, view, change } = useDashboardContext();
  const id = useId();
  const choices = resolutionsFor(audience);
  // a finer resolution in a shared link than this audience may ask for becomes the finest it may
  const chosen = Math.min(view.resolution, choices[choices.length - 1] ?? HEATMAP_RESOLUTIONS.default);
  const resolution = String(chosen);
  const answer = useDashboard(audience, 'heatmap', { ...query, resolution }, enabled);

  return (
    <Section
      title={t('heatmap.title')}
      endpoint="heatmap"
      csvQuery={{ resolution }}
      controls={
        <div className="field">
          <label htmlFor={`${id}-resolution`}>{t('heatmap.resolution')}</label>
          <select
            id={`${id}-resolution`}
            value={chosen}
            onChange={(event) => change({ resolution: Number(event.target.value) })}
          >
            {choices.map((value) => (
              <option key={value} value={value}>
                {t(`heatmap.resolutions.r${value}`)}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <Figures query={answer} isEmpty={(data) => data.cells.length === 0} emptyTitle={t('heatmap.empty')}>
        {(data) => <HeatmapBody answer={data} listKey={JSON.stringify([query, resolution])} />}
      </Figures>
    </Section>
  );
}

function HeatmapBody({ answer, listKey }: { answer: HeatmapAnswer; listKey: string }) {
  const { t } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  const mapFrame = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [layer, setLayer] = useState<HexagonLayer | null>(null);
  const [layerFailed, setLayerFailed] = useState(false);
  const cells = answer.cells;
  const max = cells[0]?.received ?? 0;
  const classes = useMemo(() => heatClasses(max, answer.min_count), [max, answer.min_count]);
  const paged = usePaged(cells, TABLE_PAGE, listKey);
  // the view follows new cells (other filters), not a new language for the same ones
  const fittedCells = useRef<readonly HeatmapCell[] | null>(null);

  // h3-js comes with the layer, once there is a map to draw on: the figures above need neither
  useEffect(() => {
    if (!map) return;
    let created: HexagonLayer | null = null;
    let gone = false;
    import('./HexagonLayer').then(
      (module) => {
        if (gone) return;
        created = new module.HexagonLayer(map);
        fittedCells.current = null;
        setLayer(created);
      },
      () => setLayerFailed(true),
    );
    return () => {
      gone = true;
      created?.destroy();
      setLayer(null);
    };
  }, [map]);

  const cellLabel = (cell: HeatmapCell) =>
    t('heatmap.cellLabel', {
      received: formatCount(cell.received),
      open: formatCount(cell.open),
      resolved: formatCount(cell.resolved),
      level: t(`heatmap.levels.${classOf(classes, cell.received)?.level ?? 'medium'}`),
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: cellLabel follows t and classes, listed
  useEffect(() => {
    if (!layer) return;
    layer.setCells(cells, classes, cellLabel);
    if (fittedCells.current !== cells) {
      fittedCells.current = cells;
      layer.fit();
    }
  }, [layer, cells, classes, t]);

  const narrow = useNarrow();
  const show = (cell: HeatmapCell) => {
    mapFrame.current?.scrollIntoView({ block: 'nearest' });
    layer?.show(cell.cell);
  };

  return (
    <>
      <div className="db-heatmap" ref={mapFrame}>
        <BaseMap
          className="base-map db-heatmap-map"
          label={t('heatmap.mapLabel', { count: cells.length })}
          onReady={(created) => setMap(created)}
        />
        <Legend classes={classes} />
      </div>
      {layerFailed && (
        <p className="db-note" role="status">
          {t('heatmap.layerFailed')}
        </p>
      )}
      {audience === 'public' && <p className="db-note">{t('heatmap.publicMin', { count: answer.min_count })}</p>}
      {narrow ? (
        <FigureCards
          title={t('heatmap.tableCaption', { count: cells.length })}
          cards={paged.visible.map((cell, index) => ({
            key: cell.cell,
            title: (
              <>
                <span className="db-league-rank">{formatCount(index + 1)}</span>{' '}
                <span className="db-coords">
                  {t('heatmap.coords', { lat: cell.lat.toFixed(4), lon: cell.lon.toFixed(4) })}
                </span>
              </>
            ),
            figures: [
              {
                key: 'level',
                name: t('heatmap.level'),
                value: t(`heatmap.levels.${classOf(classes, cell.received)?.level ?? 'medium'}`),
              },
              { key: 'received', name: t('columns.received'), value: formatCount(cell.received) },
              { key: 'open', name: t('columns.open'), value: formatCount(cell.open) },
              { key: 'resolved', name: t('columns.resolved'), value: formatCount(cell.resolved) },
            ],
            action: (
              <button type="button" className="button link" onClick={() => show(cell)}>
                {t('heatmap.show')}
                <span className="visually-hidden">
                  {' '}
                  {t('heatmap.coords', { lat: cell.lat.toFixed(4), lon: cell.lon.toFixed(4) })}
                </span>
              </button>
            ),
          }))}
        />
      ) : (
        <TableFrame title={t('heatmap.tableCaption', { count: cells.length })}>
          {(titleId) => (
            <table className="db-table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">{t('heatmap.rank')}</th>
                  <th scope="col">{t('heatmap.centre')}</th>
                  <th scope="col">{t('heatmap.level')}</th>
                  <th scope="col" className="db-num">
                    {t('columns.received')}
                  </th>
                  <th scope="col" className="db-num">
                    {t('columns.open')}
                  </th>
                  <th scope="col" className="db-num">
                    {t('columns.resolved')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('heatmap.onMap')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {paged.visible.map((cell, index) => (
                  <tr key={cell.cell}>
                    <td className="db-num">{formatCount(index + 1)}</td>
                    <th scope="row" className="db-coords">
                      {t('heatmap.coords', { lat: cell.lat.toFixed(4), lon: cell.lon.toFixed(4) })}
                    </th>
                    <td>{t(`heatmap.levels.${classOf(classes, cell.received)?.level ?? 'medium'}`)}</td>
                    <td className="db-num">{formatCount(cell.received)}</td>
                    <td className="db-num">{formatCount(cell.open)}</td>
                    <td className="db-num">{formatCount(cell.resolved)}</td>
                    <td>
                      <button type="button" className="button link" onClick={() => show(cell)}>
                        {t('heatmap.show')}
                        <span className="visually-hidden">
                          {' '}
                          {t('heatmap.coords', { lat: cell.lat.toFixed(4), lon: cell.lon.toFixed(4) })}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </TableFrame>
      )}
      <MoreRows paged={paged} />
    </>
  );
}

/** The classes in words and numbers, each with its colour: colour is never the only clue. */
function Legend({ classes }: { classes: readonly HeatClass[] }) {
  const { t } = useTranslation('dashboard');
  const id = useId();
  return (
    <div className="db-legend">
      <p id={id} className="db-legend-title">
        {t('heatmap.legend')}
      </p>
      <ul aria-labelledby={id}>
        {classes.map((heat) => (
          <li key={heat.min}>
            <span className="db-swatch" style={{ background: heat.color }} aria-hidden="true" />
            <span>
              <strong>{t(`heatmap.levels.${heat.level}`)}</strong>{' '}
              {heat.min === heat.max
                ? t('heatmap.exactly', { count: heat.min, value: formatCount(heat.min) })
                : t('heatmap.between', { min: formatCount(heat.min), max: formatCount(heat.max) })}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
