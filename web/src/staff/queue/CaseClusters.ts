// The queue's cases on a Leaflet map, clustered by supercluster: a bubble with the count
// where cases crowd, a marker per case elsewhere. Each mark is a keyboard-operable button with
// a spoken name; urgent and overdue cases carry a symbol, not a colour alone.
import L from 'leaflet';
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import type { StaffCase } from '../../../../src/shared/cases';
import { MARKER_GLYPHS } from '../../map/marker-glyphs';

export interface CaseMarkLabels {
  cluster(count: number): string;
  case(staffCase: StaffCase): string;
}

interface Mark {
  id: string;
}

type Drawn = ClusterFeature<Record<string, never>> | PointFeature<Mark>;

const isCluster = (mark: Drawn): mark is ClusterFeature<Record<string, never>> =>
  (mark.properties as Partial<ClusterProperties>).cluster === true;

function caseIcon(staffCase: StaffCase, selected: boolean): L.DivIcon {
  const kind = staffCase.overdue ? 'overdue' : staffCase.priority === 'urgent' ? 'urgent' : 'open';
  const symbol = MARKER_GLYPHS[kind];
  return L.divIcon({
    className: 'sq-marker',
    html: `<span class="sq-mark sq-mark-${kind}${selected ? ' sq-mark-selected' : ''}" aria-hidden="true">${symbol}</span>`,
    iconSize: [44, 44],
  });
}

function clusterIcon(count: number, abbreviated: string | number): L.DivIcon {
  const size = count < 10 ? 40 : count < 100 ? 46 : 54;
  return L.divIcon({
    className: 'sq-cluster',
    html: `<span class="sq-cluster-count" aria-hidden="true">${abbreviated}</span>`,
    iconSize: [size, size],
  });
}

export class CaseClusters {
  private index = new Supercluster<Mark, Record<string, never>>({ radius: 60, maxZoom: 19 });
  private cases = new Map<string, StaffCase>();
  private selectedId: string | null = null;
  private readonly layer = L.layerGroup();
  private readonly redrawOnMove = () => this.redraw();

  constructor(
    private readonly map: L.Map,
    private labels: CaseMarkLabels,
    private readonly onChoose: (caseId: string) => void,
    /** Several cases at one spot that no zoom separates: offered as a list instead. */
    private readonly onGroup: (caseIds: string[]) => void,
  ) {
    this.layer.addTo(map);
    map.on('moveend', this.redrawOnMove);
  }

  setCases(cases: StaffCase[], labels: CaseMarkLabels, selectedId: string | null): void {
    this.cases = new Map(cases.map((item) => [item.id, item]));
    this.labels = labels;
    this.selectedId = selectedId;
    this.index = new Supercluster<Mark, Record<string, never>>({ radius: 60, maxZoom: 19 });
    this.index.load(
      cases.map((item) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [item.lon, item.lat] },
        properties: { id: item.id },
      })),
    );
    this.redraw();
  }

  /** Fits the map to the cases, when there are any. */
  fit(): void {
    if (this.cases.size === 0) return;
    const bounds = L.latLngBounds([...this.cases.values()].map((item) => [item.lat, item.lon] as [number, number]));
    this.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
  }

  destroy(): void {
    this.map.off('moveend', this.redrawOnMove);
    this.layer.remove();
  }

  private redraw(): void {
    // Few enough marks for a full redraw; the focused one gets its focus back.
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.caseId;
    this.layer.clearLayers();
    const bounds = this.map.getBounds();
    const box: [number, number, number, number] = [
      Math.max(-180, bounds.getWest()),
      Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(85, bounds.getNorth()),
    ];
    for (const mark of this.index.getClusters(box, Math.round(this.map.getZoom())) as Drawn[]) {
      const marker = this.draw(mark);
      if (marker && !isCluster(mark) && mark.properties.id === focusedId) marker.getElement()?.focus();
    }
  }

  private draw(mark: Drawn): L.Marker | null {
    const [lon, lat] = mark.geometry.coordinates as [number, number];
    if (isCluster(mark)) {
      const marker = L.marker([lat, lon], {
        icon: clusterIcon(mark.properties.point_count, mark.properties.point_count_abbreviated),
        keyboard: true,
      });
      const expand = () => {
        const id = mark.properties.cluster_id;
        const zoom = this.index.getClusterExpansionZoom(id);
        if (zoom <= this.map.getMaxZoom()) {
          this.map.setView([lat, lon], zoom);
          return;
        }
        const leaves = this.index.getLeaves(id, 50) as PointFeature<Mark>[];
        this.onGroup(leaves.map((leaf) => leaf.properties.id));
      };
      this.activate(marker, expand);
      marker.addTo(this.layer);
      marker.getElement()?.setAttribute('aria-label', this.labels.cluster(mark.properties.point_count));
      return marker;
    }
    const staffCase = this.cases.get(mark.properties.id);
    if (!staffCase) return null;
    const selected = staffCase.id === this.selectedId;
    const marker = L.marker([lat, lon], { icon: caseIcon(staffCase, selected), keyboard: true, riseOnHover: true });
    if (selected) marker.setZIndexOffset(1000);
    this.activate(marker, () => this.onChoose(staffCase.id));
    marker.addTo(this.layer);
    const element = marker.getElement();
    element?.setAttribute('aria-label', this.labels.case(staffCase));
    if (selected) element?.setAttribute('aria-current', 'true');
    if (element) element.dataset.caseId = staffCase.id;
    return marker;
  }

  /** A click, or Enter and Space on a focused mark, as on any button. */
  private activate(marker: L.Marker, act: () => void): void {
    marker.on('click', act);
    marker.on('keypress', (event) => {
      const key = (event as L.LeafletKeyboardEvent).originalEvent?.key;
      if (key !== 'Enter' && key !== ' ') return;
      (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
      act();
    });
  }
}
