// Step 2: where the problem is. From GPS, from where a photo was taken, or a pin on the map;
// the ward is looked up and shown, and a point outside the city is said so at once.
import { TriangleAlert } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, Field, Loading } from '../../ui';
import { localName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import type { Draft, Point, UpdateDraft } from './draft';
import { useAreaLookup } from './queries';

// Leaflet and the map come with this step only.
const PinPicker = lazy(() => import('./PinPicker'));

type Locating = { state: 'idle' } | { state: 'locating' } | { state: 'failed'; key: string };

function gpsProblem(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED) return 'location.gpsDenied';
  if (error.code === error.TIMEOUT) return 'location.gpsTimeout';
  return 'location.gpsUnavailable';
}

const near = (a: Point, b: Point) => Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.lon - b.lon) < 1e-5;
const coordinates = (p: Point) => `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;

export function LocationStep({
  draft,
  update,
  problem,
}: {
  draft: Draft;
  update: UpdateDraft;
  /** Why the citizen cannot go on yet, or what the server refused about the place. */
  problem: string | null;
}) {
  const { t } = useTranslation('report');
  const [locating, setLocating] = useState<Locating>({ state: 'idle' });
  const area = useAreaLookup(draft.pin);

  function locate() {
    if (!('geolocation' in navigator)) {
      setLocating({ state: 'failed', key: 'location.gpsUnsupported' });
      return;
    }
    setLocating({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating({ state: 'idle' });
        update({ pin: { lat: position.coords.latitude, lon: position.coords.longitude, source: 'gps' } });
      },
      (error) => setLocating({ state: 'failed', key: gpsProblem(error) }),
      // a fresh fix: the citizen may have walked since the last one
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  }

  const { pin, photoPoint } = draft;
  const offerPhoto = photoPoint && !(pin && near(pin, photoPoint));

  let place: string;
  if (!pin) place = t('location.noPin');
  else if (area.data?.inside) place = t('location.inWard', { ward: localName(area.data.area) });
  else if (area.data && !area.data.inside) place = t('location.outside');
  else if (area.isError || area.fetchStatus === 'paused') place = t('location.wardUnknown');
  else place = t('location.wardLoading');

  return (
    <div className="stack">
      <p className="hint">{t('location.lead')}</p>
      <div className="row">
        <button type="button" className="button primary" onClick={locate} disabled={locating.state === 'locating'}>
          {t('location.useGps')}
        </button>
      </div>
      {locating.state === 'locating' && <p role="status">{t('location.locating')}</p>}
      {locating.state === 'failed' && (
        <p className="field-error" role="alert">
          {t(locating.key)}
        </p>
      )}
      {offerPhoto && (
        <div className="card photo-offer">
          <p>{t('location.photoOffer')}</p>
          <button
            type="button"
            className="button secondary"
            onClick={() => update({ pin: { ...photoPoint, source: 'photo' } })}
          >
            {t('location.usePhoto')}
          </button>
        </div>
      )}
      <Suspense fallback={<Loading label={t('location.mapLoading')} />}>
        <PinPicker pin={pin} onPick={(point) => update({ pin: { ...point, source: 'map' } })} />
      </Suspense>
      <div
        className={`place${pin && area.data && !area.data.inside ? ' is-outside' : ''}`}
        role="status"
        aria-live="polite"
      >
        <p className="place-ward">
          {pin && area.data && !area.data.inside && (
            <>
              <Icon of={TriangleAlert} />{' '}
            </>
          )}
          {place}
        </p>
        {pin && <p className="muted place-coordinates">{t('location.coordinates', { value: coordinates(pin) })}</p>}
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <Field id="report-address" label={t('location.address')} hint={t('location.addressHint')}>
        <input
          id="report-address"
          type="text"
          autoComplete="street-address"
          maxLength={500}
          value={draft.address}
          onChange={(event) => update({ address: event.target.value })}
          {...describedBy('report-address', t('location.addressHint'))}
        />
      </Field>
    </div>
  );
}
