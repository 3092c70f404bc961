// Step 1: photos from the camera or the gallery, a short video, an audio note recorded here.
// Files are checked against the server's limits as they are chosen, so that the citizen
// hears about a 200 MB video now and not after uploading it.
import { type ChangeEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui';
import type { AttachmentKind } from '../outbox/store';
import { Attachments } from './Attachments';
import {
  type Attachment,
  attachmentKey,
  type Draft,
  kindOfFile,
  MAX_BYTES,
  MAX_FILES,
  type UpdateDraft,
} from './draft';
import { photoLocation } from './exif';

// The recorder is loaded when the citizen asks to record, not with the form.
const AudioRecorder = lazy(() => import('./AudioRecorder'));

const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
const VIDEO_TYPES = 'video/mp4,video/webm,video/quicktime';

export function MediaStep({ draft, update }: { draft: Draft; update: UpdateDraft }) {
  const { t } = useTranslation('report');
  const [problems, setProblems] = useState<string[]>([]);
  const [recording, setRecording] = useState(false);

  function add(files: File[], expected: AttachmentKind) {
    const added: Attachment[] = [];
    const refused: string[] = [];
    let room = MAX_FILES - draft.attachments.length;
    for (const file of files) {
      const kind = kindOfFile(file);
      if (kind !== expected) {
        refused.push(t('media.wrongType', { file: file.name }));
      } else if (file.size === 0) {
        refused.push(t('media.empty', { file: file.name }));
      } else if (file.size > MAX_BYTES[kind]) {
        refused.push(t('media.tooLarge', { file: file.name, max: MAX_BYTES[kind] / (1024 * 1024) }));
      } else if (room <= 0) {
        refused.push(t('media.tooMany', { max: MAX_FILES }));
        break;
      } else {
        room -= 1;
        added.push({ key: attachmentKey(), kind, name: file.name || `${kind}`, blob: file });
      }
    }
    setProblems(refused);
    if (added.length === 0) return;
    update((current) => ({ ...current, attachments: [...current.attachments, ...added] }));
    // the first photo that knows where it was taken is offered on the location step
    for (const photo of added.filter((a) => a.kind === 'image')) {
      void photoLocation(photo.blob).then((point) => {
        if (point) update((current) => (current.photoPoint ? current : { ...current, photoPoint: point }));
      });
    }
  }

  const chosen = (kind: AttachmentKind) => (event: ChangeEvent<HTMLInputElement>) => {
    add(Array.from(event.target.files ?? []), kind);
    event.target.value = ''; // the same file can be chosen again after removing it
  };

  const remove = (key: string) =>
    update((current) => ({ ...current, attachments: current.attachments.filter((a) => a.key !== key) }));

  const hasAudio = draft.attachments.some((a) => a.kind === 'audio');
  const full = draft.attachments.length >= MAX_FILES;

  return (
    <div className="stack">
      <p className="hint">{t('media.lead', { max: MAX_FILES })}</p>
      <div className="media-buttons">
        <label className={`button primary file-button${full ? ' is-disabled' : ''}`}>
          <input
            type="file"
            className="visually-hidden"
            accept="image/*"
            capture="environment"
            disabled={full}
            onChange={chosen('image')}
          />
          {t('media.camera')}
        </label>
        <label className={`button secondary file-button${full ? ' is-disabled' : ''}`}>
          <input
            type="file"
            className="visually-hidden"
            accept={PHOTO_TYPES}
            multiple
            disabled={full}
            onChange={chosen('image')}
          />
          {t('media.gallery')}
        </label>
        <label className={`button secondary file-button${full ? ' is-disabled' : ''}`}>
          <input
            type="file"
            className="visually-hidden"
            accept={VIDEO_TYPES}
            disabled={full}
            onChange={chosen('video')}
          />
          {t('media.video')}
        </label>
        {!hasAudio && !recording && (
          <button type="button" className="button secondary" disabled={full} onClick={() => setRecording(true)}>
            <span className="rec-dot" aria-hidden="true" /> {t('media.record')}
          </button>
        )}
      </div>
      <p className="hint">{t('media.limits')}</p>
      {recording && (
        <Suspense fallback={<Loading label={t('recorder.loading')} />}>
          <AudioRecorder
            onRecorded={(blob, name) => {
              setRecording(false);
              update((current) => ({
                ...current,
                attachments: [...current.attachments, { key: attachmentKey(), kind: 'audio', name, blob }],
              }));
            }}
            onClose={() => setRecording(false)}
          />
        </Suspense>
      )}
      {problems.length > 0 && (
        <div className="error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      <p className="muted" aria-live="polite">
        {draft.attachments.length > 0
          ? t('media.count', { count: draft.attachments.length, max: MAX_FILES })
          : t('media.none')}
      </p>
      <Attachments attachments={draft.attachments} onRemove={remove} />
    </div>
  );
}
