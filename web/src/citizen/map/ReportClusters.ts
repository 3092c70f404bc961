// Draws reports on a Leaflet map, clustered in the browser by supercluster: a bubble with the
// count where reports crowd, a marker per report elsewhere. Every mark is a keyboard-operable
// button with a spoken name; markers that stay in view are kept across redraws, so the one a
// keyboard user is on keeps its focus while the map pans to it.
import L from 'leaflet';
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import { MARKER_GLYPHS } from '../../map/marker-glyphs';
import type { ReportFeature, ReportProperties } from './reports';

export interface ClusterLabels {
  cluster(count: number): string;
  report(report: ReportProperties): string;
}

export interface ClusterEvents {
  /** A report was chosen (tap, click, Enter or Space). */
  onReport(report: ReportFeature): void;
  /** Several reports at one spot that no zoom separates. */
  onGroup(reports: ReportFeature[]): void;
  /** How many reports the visible part of the map holds, after every redraw. */
  onVisibleCount(count: number): void;
}

type Mark = ClusterFeature<Record<string, never>> | PointFeature<ReportProperties>;

const isCluster = (mark: Mark): mark is ClusterFeature<Record<string, never>> =>
  (mark.properties as Partial<ClusterProperties>).cluster === true;

/** Reports whose state means the city is done with them carry a tick; the others a "!". */
const DONE_STATES = new Set(['resolved', 'closed']);

function clusterIcon(count: number, abbreviated: string | number): L.DivIcon {
  const size = count < 10 ? 40 : count < 100 ? 46 : 54;
  return L.divIcon({
    className: 'pm-cluster',
    html: `<span aria-hidden="true">${abbreviated}</span>`,
    iconSize: [size, size],
  });
}

function reportIcon(report: ReportProperties): L.DivIcon {
  const done = DONE_STATES.has(report.state);
  return L.divIcon({
    className: `pm-marker ${done ? 'pm-done' : 'pm-open'}`,
    html: `<span aria-hidden="true">${done ? MARKER_GLYPHS.check : MARKER_GLYPHS.alert}</span>`,
    // a 44 px target around a smaller dot: easy to tap, light to look at
    iconSize: [44, 44],
  });
}

/** Enter and Space act on a focused mark, as on any button. */
const isActivation = (event: L.LeafletEvent) => {
  const key = (event as L.LeafletKeyboardEvent).originalEvent?.key;
  return key === 'Enter' || key === ' ';
};

/** An index of the reports; it can only be asked once it is loaded, so it starts loaded. */
const newIndex = (features: ReportFeature[] = []) =>
  // extent 256: the radius is in the screen pixels of Leaflet's 256-pixel tiles
  new Supercluster<ReportProperties, Record<string, never>>({ radius: 50, extent: 256, maxZoom: 19 }).load(features);

export class ReportClusters {
  private index = newIndex();
  private reports = new Map<string, ReportFeature>();
  private signature = '';
  private readonly layer = L.layerGroup();
  private readonly marks = new Map<string, { marker: L.Marker; mark: Mark }>();
  private readonly redrawOnMove = () => this.redraw();

  constructor(
    private readonly map: L.Map,
    private labels: ClusterLabels,
    private readonly events: ClusterEvents,
  ) {
    this.layer.addTo(map);
    map.on('moveend', this.redrawOnMove);
  }

  setReports(features: ReportFeature[]): void {
    const signature = features.map((feature) => `${feature.properties.code}:${feature.properties.state}`).join();
    if (signature === this.signature) {
      // the same reports again (a pan that fetched the same area): the marks can stay as they are
      this.redraw();
      return;
    }
    this.signature = signature;
    this.reports = new Map(features.map((feature) => [feature.properties.code, feature]));
    this.index = newIndex(features);
    // cluster ids belong to one index: the old index's bubbles go (reports keep their marker)
    for (const [key, { marker }] of this.marks) {
      if (key.startsWith('cluster:')) {
        this.layer.removeLayer(marker);
        this.marks.delete(key);
      }
    }
    this.redraw();
  }

  /** New words (another language, names arrived): the marks stay, so focus stays too. */
  setLabels(labels: ClusterLabels): void {
    this.labels = labels;
    for (const { marker, mark } of this.marks.values())
      marker.getElement()?.setAttribute('aria-label', this.labelOf(mark));
  }

  destroy(): void {
    this.map.off('moveend', this.redrawOnMove);
    this.layer.remove();
    this.marks.clear();
  }

  redraw(): void {
    const bounds = this.map.getBounds();
    const box: [number, number, number, number] = [
      Math.max(-180, bounds.getWest()),
      Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(85, bounds.getNorth()),
    ];
    const marks = this.index.getClusters(box, Math.round(this.map.getZoom())) as Mark[];
    const wanted = new Set<string>();
    let count = 0;
    for (const mark of marks) {
      // a report whose state changed gets a new marker: its symbol says the state
      const key = isCluster(mark)
        ? `cluster:${mark.properties.cluster_id}`
        : `report:${mark.properties.code}:${mark.properties.state}`;
      count += isCluster(mark) ? mark.properties.point_count : 1;
      wanted.add(key);
      if (!this.marks.has(key)) this.marks.set(key, { marker: this.draw(mark), mark });
    }
    for (const [key, { marker }] of this.marks) {
      if (!wanted.has(key)) {
        this.layer.removeLayer(marker);
        this.marks.delete(key);
      }
    }
    this.events.onVisibleCount(count);
  }

  private labelOf(mark: Mark): string {
    return isCluster(mark) ? this.labels.cluster(mark.properties.point_count) : this.labels.report(mark.properties);
  }

  private draw(mark: Mark): L.Marker {
    const [lon, lat] = mark.geometry.coordinates as [number, number];
    const cluster = isCluster(mark);
    const marker = L.marker([lat, lon], {
      icon: cluster
        ? clusterIcon(mark.properties.point_count, mark.properties.point_count_abbreviated)
        : reportIcon(mark.properties),
      keyboard: true,
      riseOnHover: true,
    });
    const act = () => (cluster ? this.expand(mark) : this.choose(mark.properties.code));
    marker.on('click', act);
    marker.on('keypress', (event) => {
      if (!isActivation(event)) return;
      (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
      act();
    });
    marker.addTo(this.layer);
    marker.getElement()?.setAttribute('aria-label', this.labelOf(mark));
    return marker;
  }

  private choose(code: string): void {
    const report = this.reports.get(code);
    if (report) this.events.onReport(report);
  }

  private expand(cluster: ClusterFeature<Record<string, never>>): void {
    const id = cluster.properties.cluster_id;
    const zoom = this.index.getClusterExpansionZoom(id);
    if (zoom <= this.map.getMaxZoom()) {
      const [lon, lat] = cluster.geometry.coordinates as [number, number];
      this.map.setView([lat, lon], zoom);
      return;
    }
    // Reports at the very same spot: no zoom pulls them apart, so they are offered as a list.
    const leaves = this.index.getLeaves(id, 50) as PointFeature<ReportProperties>[];
    this.events.onGroup(
      leaves
        .map((leaf) => this.reports.get(leaf.properties.code))
        .filter((report): report is ReportFeature => Boolean(report)),
    );
  }
}
