// Picking proof photos: a labelled file input shown as a button, previews with a remove button
// each, and the reasons a file was not taken.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PROOF_BYTES, MAX_PROOF_PHOTOS, type ProofPhoto, type ProofProblem } from './useProofPhotos';

export function ProofPhotoPicker({
  photos,
  problems,
  disabled,
  onAdd,
  onRemove,
}: {
  photos: ProofPhoto[];
  problems: ProofProblem[];
  disabled: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation('case');
  const id = useId();
  const inputId = `${id}-photos`;
  const hintId = `${id}-photos-hint`;
  const errorId = `${id}-photos-error`;
  const problemText = (problem: ProofProblem) =>
    problem.kind === 'tooMany'
      ? t('forms.resolve.photoTooMany', { max: MAX_PROOF_PHOTOS })
      : t(`forms.resolve.${problem.kind === 'tooLarge' ? 'photoTooLarge' : 'photoNotPhoto'}`, { name: problem.name });

  return (
    <div className="sc-photo-picker">
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
        <span aria-hidden="true">📷</span> {t('forms.resolve.addPhotos')}
      </label>
      <p className="hint" id={hintId}>
        {t('forms.resolve.photosHint', { max: MAX_PROOF_PHOTOS, size: MAX_PROOF_BYTES / (1024 * 1024) })}
      </p>
      {problems.length > 0 && (
        <ul className="field-error sc-photo-problems" id={errorId} role="alert">
          {problems.map((problem) => (
            <li key={`${problem.kind}-${'name' in problem ? problem.name : ''}`}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      {photos.length > 0 && (
        <ul className="sc-photo-previews" aria-label={t('forms.resolve.chosen', { count: photos.length })}>
          {photos.map((photo) => (
            <li key={photo.key}>
              <img src={photo.previewUrl} alt={t('forms.resolve.previewAlt', { name: photo.file.name })} />
              <span className="sc-photo-name">{photo.file.name}</span>
              <button
                type="button"
                className="button link"
                disabled={disabled}
                onClick={() => onRemove(photo.key)}
                aria-label={t('forms.resolve.removeNamed', { name: photo.file.name })}
              >
                {t('forms.resolve.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
