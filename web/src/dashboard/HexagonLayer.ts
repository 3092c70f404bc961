// The heat map's hexagons on a Leaflet map: one polygon per H3 cell (its boundary from h3-js),
// filled by its class, with the counts in a tooltip. The table beside the map says the same
// for those who do not use the map.
import { cellToBoundary } from 'h3-js';
import L from 'leaflet';
import type { HeatmapCell } from '../../../src/shared/dashboard';
import { textTooltip } from '../map/text-tooltip';
import { classOf, type HeatClass } from './heatScale';

export class HexagonLayer {
  private readonly group = L.featureGroup();
  private readonly polygons = new Map<string, L.Polygon>();

  constructor(private readonly map: L.Map) {
    this.group.addTo(map);
  }

  /** Draws these cells instead of the previous ones; `label` is what a cell's tooltip says. */
  setCells(cells: readonly HeatmapCell[], classes: readonly HeatClass[], label: (cell: HeatmapCell) => string): void {
    this.group.clearLayers();
    this.polygons.clear();
    for (const cell of cells) {
      const heat = classOf(classes, cell.received);
      const polygon = L.polygon(cellToBoundary(cell.cell), {
        color: '#6b2a00',
        weight: 1,
        fillColor: heat?.color ?? '#999',
        fillOpacity: 0.7,
      });
      polygon.bindTooltip(textTooltip(label(cell)), { sticky: true });
      polygon.addTo(this.group);
      this.polygons.set(cell.cell, polygon);
    }
  }

  fit(): void {
    const bounds = this.group.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [16, 16], maxZoom: 15 });
  }

  /** Brings one cell into view and shows its counts. */
  show(cellId: string): void {
    const polygon = this.polygons.get(cellId);
    if (!polygon) return;
    this.map.fitBounds(polygon.getBounds(), { maxZoom: 14, padding: [48, 48] });
    polygon.openTooltip(polygon.getBounds().getCenter());
  }

  destroy(): void {
    this.group.remove();
  }
}
