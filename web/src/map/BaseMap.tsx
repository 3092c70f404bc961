// A Leaflet map on the configured raster basemap. When no tile can be loaded (offline, a
// closed network) the map still works: what is drawn on it does not depend on the tiles, and
// the city's outline and its wards are drawn instead of the basemap, so it is never a grey box.
import type { FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../src/shared/reference-data';
import { smallestAreas } from '../citizen/map/boundaries';
import { useAreaBoundaries } from '../citizen/map/reference';
import { ErrorMessage, Loading } from '../ui';
import { type ClientConfig, useClientConfig } from './client-config';

export interface BaseMapProps {
  /** Called once with the map, after it is created; the map is removed on unmount. */
  onReady: (map: L.Map, config: ClientConfig) => void;
  /** What the map shows, for screen readers (the map itself is not readable). */
  label: string;
  className?: string;
  center?: { lat: number; lon: number };
  zoom?: number;
}

export function BaseMap({ onReady, label, className, center, zoom }: BaseMapProps) {
  const { t } = useTranslation('map');
  const config = useClientConfig();
  const element = useRef<HTMLElement>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [map, setMap] = useState<L.Map | null>(null);
  const boundaries = useAreaBoundaries(tilesFailed);
  const ready = useRef(onReady);
  ready.current = onReady;
  // The starting view is read once: later changes are the caller's to apply to the map.
  const startView = useRef({ center, zoom });
  // Read when the map is made: the zoom buttons speak the language of that moment.
  const zoomTitles = useRef({ zoomInTitle: t('zoomIn'), zoomOutTitle: t('zoomOut') });

  useEffect(() => {
    if (!config.data || !element.current) return;
    const settings = config.data.map;
    const start = startView.current.center ?? settings.center;
    // People who ask for less motion get a map that jumps instead of gliding.
    const still = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const map = L.map(element.current, {
      zoomControl: false,
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
    }).setView([start.lat, start.lon], startView.current.zoom ?? settings.zoom);
    L.control.zoom(zoomTitles.current).addTo(map);
    const tiles = L.tileLayer(settings.tile_url, { attribution: settings.attribution, maxZoom: 19 });
    let failures = 0;
    tiles.on('tileerror', () => {
      failures += 1;
      if (failures >= 4) setTilesFailed(true);
    });
    tiles.on('tileload', () => setTilesFailed(false));
    tiles.addTo(map);
    ready.current(map, config.data);
    setMap(map);
    return () => {
      setMap(null);
      map.remove();
    };
  }, [config.data]);

  useEffect(() => {
    if (!map || !tilesFailed || !boundaries.data) return;
    const layer = cityOutline(boundaries.data.items).addTo(map);
    layer.bringToBack();
    return () => {
      layer.remove();
    };
  }, [map, tilesFailed, boundaries.data]);

  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorMessage error={config.error} onRetry={() => config.refetch()} />;
  return (
    <div className="base-map-frame">
      <section ref={element} className={className ?? 'base-map'} aria-label={label} />
      {tilesFailed && (
        <p className="map-note" role="status">
          {t('tilesUnavailable')}
        </p>
      )}
    </div>
  );
}

/** The city's outline (its top areas) and its wards' lines, in place of a basemap; not interactive. */
function cityOutline(areas: Area[]): L.GeoJSON {
  const wards = new Set(smallestAreas(areas).map((area) => area.code));
  const drawn = areas.filter((area) => area.geometry && (area.parent_code === null || wards.has(area.code)));
  const collection: FeatureCollection<Geometry, { outline: boolean }> = {
    type: 'FeatureCollection',
    features: drawn.map((area) => ({
      type: 'Feature',
      // the server's schema guarantees a Polygon or MultiPolygon
      geometry: area.geometry as unknown as Geometry,
      properties: { outline: area.parent_code === null },
    })),
  };
  return L.geoJSON(collection, {
    interactive: false,
    style: (feature) =>
      feature?.properties.outline
        ? { className: 'map-fallback-outline', color: '#12324f', weight: 3, fillColor: '#ffffff', fillOpacity: 0.6 }
        : { className: 'map-fallback-outline', color: '#5b6b7f', weight: 1, fillOpacity: 0 },
  });
}

/** A pin drawn with CSS, so that no marker image has to be found by the bundler. */
export const pinIcon = L.divIcon({
  className: 'map-pin',
  html: '<span aria-hidden="true"></span>',
  iconSize: [28, 40],
  iconAnchor: [14, 40],
});
