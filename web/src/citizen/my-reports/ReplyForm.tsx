// The citizen's answer to the city's question: text and photos. Photos go up first (with
// progress), then the answer carries their ids and the version of the case the citizen saw.
// The form says the answer becomes public, and lets the citizen keep it for the city alone.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { describedBy, Field, ProgressBar } from '../../ui';
import { PhotoPicker } from '../../ui/photos/PhotoPicker';
import { usePhotoAttachments } from '../../ui/photos/usePhotoAttachments';
import { actionErrorText } from './actionError';
import { uploadPhotos, useReply } from './api';

const MAX_MESSAGE = 4000;

type Phase = 'editing' | 'uploading' | 'sending';

export function ReplyForm({
  report,
  onReplied,
  onConflict,
}: {
  report: CitizenCase;
  onReplied: () => void;
  /** The case changed meanwhile: the page says so, as this form may go away with the new state. */
  onConflict: (text: string) => void;
}) {
  const { t } = useTranslation('cases');
  const id = useId();
  const messageId = `${id}-message`;
  const [message, setMessage] = useState('');
  const [cityOnly, setCityOnly] = useState(false);
  const [messageError, setMessageError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('editing');
  const [progress, setProgress] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const attachments = usePhotoAttachments();
  const reply = useReply(report.id);
  const busy = phase !== 'editing';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const text = message.trim();
    if (text === '') {
      setMessageError(t('reply.messageRequired'));
      messageRef.current?.focus();
      return;
    }
    setMessageError(null);
    try {
      const waiting = attachments.photos.filter((photo) => photo.mediaId === null);
      const uploaded = new Map<string, string>();
      if (waiting.length > 0) {
        setPhase('uploading');
        setProgress(0);
        const ids = await uploadPhotos(
          waiting.map((photo) => photo.file),
          setProgress,
        );
        waiting.forEach((photo, index) => {
          const mediaId = ids[index];
          if (mediaId) uploaded.set(photo.key, mediaId);
        });
        attachments.markUploaded([...uploaded.keys()], [...uploaded.values()]);
      }
      setPhase('sending');
      const mediaIds = attachments.photos
        .map((photo) => photo.mediaId ?? uploaded.get(photo.key))
        .filter((mediaId): mediaId is string => Boolean(mediaId));
      await reply.mutateAsync({ message: text, mediaIds, version: report.version, isPublic: !cityOnly });
      setMessage('');
      attachments.clear();
      onReplied();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onConflict(actionErrorText(error, t));
      else setFailure(actionErrorText(error, t));
    } finally {
      setPhase('editing');
    }
  };

  return (
    <form className="stack mr-reply-form" onSubmit={onSubmit} noValidate aria-label={t('reply.formLabel')}>
      <Field id={messageId} label={t('reply.message')} hint={t('reply.messageHint')} error={messageError}>
        <textarea
          id={messageId}
          ref={messageRef}
          value={message}
          maxLength={MAX_MESSAGE}
          required
          disabled={busy}
          onChange={(event) => setMessage(event.target.value)}
          {...describedBy(messageId, t('reply.messageHint'), messageError)}
        />
      </Field>
      <PhotoPicker
        photos={attachments.photos}
        problems={attachments.problems}
        disabled={busy}
        onAdd={attachments.add}
        onRemove={attachments.remove}
        addLabel={t('photos:addPhotos')}
      />
      <div className="mr-check">
        <input
          id={`${id}-private`}
          type="checkbox"
          checked={cityOnly}
          disabled={busy}
          onChange={(event) => setCityOnly(event.target.checked)}
          aria-describedby={`${id}-private-hint`}
        />
        <label htmlFor={`${id}-private`}>{t('reply.private')}</label>
      </div>
      <p className="hint" id={`${id}-private-hint`}>
        {t('reply.privateHint')}
      </p>
      {phase === 'uploading' && <ProgressBar value={progress} label={t('reply.uploading')} />}
      {failure && (
        <div className="error" role="alert">
          <p>{failure}</p>
        </div>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {phase === 'uploading' ? t('reply.uploading') : phase === 'sending' ? t('reply.sending') : t('reply.send')}
      </button>
    </form>
  );
}
