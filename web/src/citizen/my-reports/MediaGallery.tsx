// Photos, video and audio of a case or of one event: photos as images with words for screen
// readers, video and audio with the browser's own controls.
import { useTranslation } from 'react-i18next';
import type { MediaRef } from '../../../../src/shared/cases';

export function MediaGallery({ media, context }: { media: MediaRef[]; context: string }) {
  const { t } = useTranslation('cases');
  if (media.length === 0) return null;
  const count = media.length;
  return (
    <ul className="mr-gallery">
      {media.map((item, index) => {
        const label = t(`media.${item.type}`, { number: index + 1, count, context });
        return (
          <li key={item.id}>
            {item.type === 'image' ? (
              <a href={item.url} target="_blank" rel="noreferrer">
                <img src={item.thumbnail_url ?? item.url} alt={label} loading="lazy" />
              </a>
            ) : item.type === 'video' ? (
              // biome-ignore lint/a11y/useMediaCaption: citizens' own clips come without captions
              <video controls preload="metadata" src={item.url} aria-label={label} />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: citizens' own recordings come without captions
              <audio controls preload="metadata" src={item.url} aria-label={label} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
