// Resolving a case: a public note the citizen reads and optional proof photos. The photos go
// up first (with progress), then the resolution names them by id.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, Field, ProgressBar } from '../../../ui';
import { PhotoPicker } from '../../../ui/photos/PhotoPicker';
import { usePhotoAttachments } from '../../../ui/photos/usePhotoAttachments';
import { actionErrorText } from '../actionErrors';
import { uploadProofPhotos } from '../api';
import { type ActionFormProps, MAX_MESSAGE } from './types';
import { FormFailure, useActionRunner } from './useActionRunner';

export function ResolveForm({ submit }: ActionFormProps) {
  const { t } = useTranslation('case');
  const id = useId();
  const noteId = `${id}-note`;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [progress, setProgress] = useState(0);
  const [uploadFailure, setUploadFailure] = useState<string | null>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const proof = usePhotoAttachments();
  const { busy, failure, run } = useActionRunner(submit);
  const hint = t('forms.resolve.hint');
  const working = busy || uploading;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setUploadFailure(null);
    const text = note.trim();
    if (text === '') {
      setNoteError(t('forms.resolve.required'));
      noteBox.current?.focus();
      return;
    }
    setNoteError(null);
    const uploaded = new Map<string, string>();
    const waiting = proof.photos.filter((photo) => photo.mediaId === null);
    if (waiting.length > 0) {
      setUploading(true);
      setProgress(0);
      try {
        const ids = await uploadProofPhotos(
          waiting.map((photo) => photo.file),
          setProgress,
        );
        waiting.forEach((photo, index) => {
          const mediaId = ids[index];
          if (mediaId) uploaded.set(photo.key, mediaId);
        });
        proof.markUploaded([...uploaded.keys()], [...uploaded.values()]);
      } catch (error) {
        setUploadFailure(actionErrorText(error, t));
        return;
      } finally {
        setUploading(false);
      }
    }
    const media = proof.photos
      .map((photo) => photo.mediaId ?? uploaded.get(photo.key))
      .filter((mediaId): mediaId is string => Boolean(mediaId));
    if (await run('resolve', { message: text, ...(media.length > 0 ? { media } : {}) })) {
      setNote('');
      proof.clear();
    }
  };

  return (
    <form className="stack sc-action-form" onSubmit={onSubmit} noValidate aria-label={t('actions.resolve')}>
      <Field id={noteId} label={t('forms.resolve.label')} hint={hint} error={noteError}>
        <textarea
          id={noteId}
          ref={noteBox}
          value={note}
          maxLength={MAX_MESSAGE}
          required
          disabled={working}
          onChange={(event) => setNote(event.target.value)}
          {...describedBy(noteId, hint, noteError)}
        />
      </Field>
      <PhotoPicker
        photos={proof.photos}
        problems={proof.problems}
        disabled={working}
        onAdd={proof.add}
        onRemove={proof.remove}
        addLabel={t('forms.resolve.addPhotos')}
      />
      {uploading && <ProgressBar value={progress} label={t('forms.resolve.uploading')} />}
      <FormFailure text={uploadFailure ?? failure} />
      <div className="row">
        <button type="submit" className="button primary" disabled={working}>
          {uploading ? t('forms.resolve.uploading') : busy ? t('forms.sending') : t('forms.resolve.submit')}
        </button>
      </div>
    </form>
  );
}
