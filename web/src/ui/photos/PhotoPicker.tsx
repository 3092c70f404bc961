// Picking photos (a citizen's reply, a resolution's proof): a labelled file input styled as a
// button, previews with a remove button each, and the reasons a file was not taken.
import { Camera } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, type PhotoAttachment, type PhotoProblem } from './usePhotoAttachments';

function sizeText(bytes: number, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(megabytes)} MB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
}

export function PhotoPicker({
  photos,
  problems,
  disabled,
  onAdd,
  onRemove,
  addLabel,
}: {
  photos: PhotoAttachment[];
  problems: PhotoProblem[];
  disabled: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
  /** The button's words, e.g. "Add photos" or "Add proof photos". */
  addLabel: string;
}) {
  const { t, i18n } = useTranslation('photos');
  const id = useId();
  const inputId = `${id}-photos`;
  const hintId = `${id}-photos-hint`;
  const errorId = `${id}-photos-error`;
  const problemText = (problem: PhotoProblem) =>
    problem.kind === 'tooMany'
      ? t('photoTooMany', { max: problem.max })
      : problem.kind === 'tooLarge'
        ? t('photoTooLarge', { name: problem.name })
        : t('photoNotPhoto', { name: problem.name });

  return (
    <div className="photo-picker">
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept="image/*"
        multiple
        disabled={disabled}
        aria-describedby={problems.length > 0 ? `${hintId} ${errorId}` : hintId}
        onChange={(event) => {
          onAdd(Array.from(event.target.files ?? []));
          event.target.value = ''; // the same photo may be picked again after removing it
        }}
      />
      <label htmlFor={inputId} className={`button secondary${disabled ? ' disabled' : ''}`}>
        <Icon of={Camera} /> {addLabel}
      </label>
      <p className="hint" id={hintId}>
        {t('photosHint', { max: MAX_PHOTOS, size: MAX_PHOTO_BYTES / (1024 * 1024) })}
      </p>
      {problems.length > 0 && (
        <ul className="field-error photo-problems" id={errorId} role="alert">
          {problems.map((problem) => (
            <li key={`${problem.kind}-${'name' in problem ? problem.name : ''}`}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      {photos.length > 0 && (
        <ul className="photo-previews" aria-label={t('chosenPhotos', { count: photos.length })}>
          {photos.map((photo) => (
            <li key={photo.key}>
              <img src={photo.previewUrl} alt={t('previewAlt', { name: photo.file.name })} />
              <span className="photo-name">
                {photo.file.name}
                <span className="muted"> · {sizeText(photo.file.size, i18n.language)}</span>
              </span>
              <button
                type="button"
                className="button link"
                disabled={disabled}
                onClick={() => onRemove(photo.key)}
                aria-label={t('removePhotoNamed', { name: photo.file.name })}
              >
                {t('removePhoto')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
