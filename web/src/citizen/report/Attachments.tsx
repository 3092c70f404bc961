// Previews of what the citizen attached: photos as thumbnails, the video and the audio note
// playable, each with a remove button that names what it removes.
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { Attachment } from './draft';
import { useObjectUrl } from './queries';

function Preview({ attachment, label }: { attachment: Attachment; label: string }) {
  const url = useObjectUrl(attachment.blob);
  if (!url) return null;
  if (attachment.kind === 'image') return <img src={url} alt={label} />;
  if (attachment.kind === 'video') {
    // biome-ignore lint/a11y/useMediaCaption: the citizen's own clip, just recorded: there is no caption to give
    return <video src={url} controls preload="metadata" aria-label={label} />;
  }
  // biome-ignore lint/a11y/useMediaCaption: the citizen's own voice note, for them to listen back
  return <audio src={url} controls aria-label={label} />;
}

/** Photos, videos and recordings, each numbered within its kind ("Ảnh 2", "Xóa ảnh 2"). */
export function Attachments({
  attachments,
  onRemove,
  compact = false,
}: {
  attachments: Attachment[];
  onRemove?: (key: string) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation('report');
  if (attachments.length === 0) return null;
  const counters = { image: 0, video: 0, audio: 0 };
  return (
    <ul className={`attachments${compact ? ' compact' : ''}`}>
      {attachments.map((attachment) => {
        counters[attachment.kind] += 1;
        const n = counters[attachment.kind];
        const label = t(`media.label.${attachment.kind}`, { n });
        return (
          <li key={attachment.key} className={`attachment kind-${attachment.kind}`}>
            <Preview attachment={attachment} label={label} />
            {onRemove && (
              <button
                type="button"
                className="button link"
                aria-label={t(`media.remove.${attachment.kind}`, { n })}
                onClick={() => onRemove(attachment.key)}
              >
                <Icon of={X} /> {t('media.removeShort')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
