// What the reporter sent: one photo large with the others as thumbnails to switch to, each
// with words for screen readers and a link to the original file as received; video and
// audio with the browser's own players. MediaList is the small form for timeline events.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaRef } from '../../../../src/shared/cases';

/** Staff may open what the citizen sent as received (EXIF and all): the case's media route. */
export const originalUrl = (caseId: string, mediaId: string) =>
  `/api/v1/cases/${encodeURIComponent(caseId)}/media/${encodeURIComponent(mediaId)}`;

function Player({ item, label }: { item: MediaRef; label: string }) {
  return item.type === 'video' ? (
    // biome-ignore lint/a11y/useMediaCaption: citizens' own clips come without captions
    <video controls preload="metadata" src={item.url} aria-label={label} />
  ) : (
    // biome-ignore lint/a11y/useMediaCaption: citizens' own recordings come without captions
    <audio controls preload="metadata" src={item.url} aria-label={label} />
  );
}

export function MediaViewer({ caseId, media, context }: { caseId: string; media: MediaRef[]; context: string }) {
  const { t } = useTranslation('case');
  const photos = media.filter((item) => item.type === 'image');
  const recordings = media.filter((item) => item.type !== 'image');
  const [shownId, setShownId] = useState<string | null>(null);
  if (media.length === 0) return <p className="muted">{t('media.none')}</p>;
  const shown = photos.find((photo) => photo.id === shownId) ?? photos[0];
  const photoLabel = (photo: MediaRef) =>
    t('media.photo', { number: photos.indexOf(photo) + 1, count: photos.length, context });

  return (
    <div className="sc-media">
      {shown && (
        <figure className="sc-media-main">
          <img src={shown.url} alt={photoLabel(shown)} />
          <figcaption>
            {t('media.photoCaption', { number: photos.indexOf(shown) + 1, count: photos.length })}{' '}
            <a className="sc-original" href={originalUrl(caseId, shown.id)} target="_blank" rel="noreferrer">
              {t('media.original')}
              <span className="visually-hidden"> {t('media.newWindow')}</span>
            </a>
          </figcaption>
        </figure>
      )}
      {photos.length > 1 && (
        <ul className="sc-thumbnails" aria-label={t('media.thumbnails')}>
          {photos.map((photo) => (
            <li key={photo.id}>
              <button
                type="button"
                aria-pressed={photo.id === shown?.id}
                aria-label={t('media.show', { label: photoLabel(photo) })}
                onClick={() => setShownId(photo.id)}
              >
                <img src={photo.thumbnail_url ?? photo.url} alt="" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {recordings.length > 0 && (
        <ul className="sc-recordings">
          {recordings.map((item, index) => {
            const label = t(item.type === 'video' ? 'media.video' : 'media.audio', {
              number: index + 1,
              count: recordings.length,
              context,
            });
            return (
              <li key={item.id}>
                <p className="muted">{label}</p>
                <Player item={item} label={label} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The attachments of one timeline event, small: photos open in full in a new window. */
export function MediaList({ caseId, media, context }: { caseId: string; media: MediaRef[]; context: string }) {
  const { t } = useTranslation('case');
  if (media.length === 0) return null;
  return (
    <ul className="sc-media-list">
      {media.map((item, index) => {
        const label = t(`media.${item.type === 'image' ? 'photo' : item.type}`, {
          number: index + 1,
          count: media.length,
          context,
        });
        return (
          <li key={item.id}>
            {item.type === 'image' ? (
              <a href={originalUrl(caseId, item.id)} target="_blank" rel="noreferrer">
                <img src={item.thumbnail_url ?? item.url} alt={label} loading="lazy" />
              </a>
            ) : (
              <Player item={item} label={label} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
