// The public photos of a report or of one step of it: the server gives only re-encoded copies
// without location data, and never video or audio. Each opens full size in a new tab.
import { useTranslation } from 'react-i18next';
import type { MediaRef } from '../../../../src/shared/cases';

export function PublicPhotos({ media, label }: { media: MediaRef[]; label: (n: number, count: number) => string }) {
  const { t } = useTranslation('public-case');
  const photos = media.filter((item) => item.type === 'image');
  if (photos.length === 0) return null;
  return (
    <ul className="pc-photos">
      {photos.map((photo, index) => (
        <li key={photo.id}>
          <a href={photo.url} target="_blank" rel="noreferrer">
            <img src={photo.thumbnail_url ?? photo.url} alt={label(index + 1, photos.length)} loading="lazy" />
            <span className="visually-hidden"> {t('photos.newTab')}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
