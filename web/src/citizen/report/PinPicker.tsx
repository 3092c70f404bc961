// The map of the location step (loaded with Leaflet only when that step is shown): a tap or
// click puts the pin there, the pin can be dragged, and a button puts it at the map's centre
// for those who move the map with the keyboard.
import L from 'leaflet';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap, pinIcon } from '../../map/BaseMap';
import type { Point } from './draft';

/** Close enough to see the street. */
const PIN_ZOOM = 17;

export default function PinPicker({ pin, onPick }: { pin: Point | null; onPick: (point: Point) => void }) {
  const { t } = useTranslation('report');
  const [map, setMap] = useState<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  // where the map opens: on the pin when there is one (read once, as BaseMap does)
  const start = useRef(pin);

  const onReady = useCallback((created: L.Map) => {
    created.on('click', (event: L.LeafletMouseEvent) => pick.current({ lat: event.latlng.lat, lon: event.latlng.lng }));
    created.on('unload', () => {
      marker.current = null;
      setMap(null);
    });
    setMap(created);
  }, []);

  useEffect(() => {
    if (!map) return;
    if (!pin) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = L.latLng(pin.lat, pin.lon);
    if (!marker.current) {
      marker.current = L.marker(at, { icon: pinIcon, draggable: true, keyboard: true, title: t('location.pinTitle') })
        .on('dragend', (event) => {
          const moved = (event.target as L.Marker).getLatLng();
          pick.current({ lat: moved.lat, lon: moved.lng });
        })
        .addTo(map);
    } else if (!marker.current.getLatLng().equals(at)) {
      marker.current.setLatLng(at);
    }
    // a pin set from GPS or a photo may be off screen: bring it into view
    if (!map.getBounds().pad(-0.1).contains(at)) map.setView(at, Math.max(map.getZoom(), PIN_ZOOM));
  }, [map, pin, t]);

  return (
    <div className="pin-picker">
      <BaseMap
        onReady={onReady}
        label={t('location.mapLabel')}
        className="base-map pin-map"
        center={start.current ?? undefined}
        zoom={start.current ? PIN_ZOOM : undefined}
      />
      <p className="hint">{t('location.mapHint')}</p>
      <button
        type="button"
        className="button secondary"
        disabled={!map}
        onClick={() => {
          if (!map) return;
          const centre = map.getCenter();
          pick.current({ lat: centre.lat, lon: centre.lng });
        }}
      >
        {t('location.pinAtCentre')}
      </button>
    </div>
  );
}
