// Ward and commune boundaries drawn under the reports, each named on hover or tap. Only the
// smallest areas are drawn (the city's own outline would cover them all).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import type { Area } from '../../../../src/shared/reference-data';
import { textTooltip } from '../../map/text-tooltip';

/** Areas no other area lies in: the wards and communes of a two-level city. */
export function smallestAreas(areas: Area[]): Area[] {
  const parents = new Set(areas.map((area) => area.parent_code).filter(Boolean));
  return areas.filter((area) => area.geometry && !parents.has(area.code));
}

export function boundaryLayer(areas: Area[], nameOf: (area: Area) => string): L.GeoJSON {
  const collection: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection',
    features: smallestAreas(areas).map(
      (area): Feature<Geometry, { name: string }> => ({
        type: 'Feature',
        // the server's schema guarantees a Polygon or MultiPolygon
        geometry: area.geometry as unknown as Geometry,
        properties: { name: nameOf(area) },
      }),
    ),
  };
  return L.geoJSON(collection, {
    style: { className: 'pm-ward', color: '#073f78', weight: 2, opacity: 0.9, fillOpacity: 0.06 },
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(textTooltip(feature.properties.name), { sticky: true, className: 'pm-ward-name' });
    },
  });
}
