// Rating a resolved case in a modal dialog: stars, a comment, and "the problem is still
// there". A low score or "not fixed" sends the case back to the agency (the server decides).
import { RotateCcw } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { describedBy, Field } from '../../ui';
import { Icon } from '../../ui/icons';
import { actionErrorText } from './actionError';
import { useRate } from './api';
import { StarRating } from './StarRating';

const MAX_COMMENT = 2000;

export function RatingDialog({
  report,
  onClose,
  onRated,
  onConflict,
}: {
  report: CitizenCase;
  onClose: () => void;
  onRated: (updated: CitizenCase) => void;
  onConflict: (text: string) => void;
}) {
  const { t } = useTranslation('cases');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [notFixed, setNotFixed] = useState(false);
  const [scoreError, setScoreError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const rate = useRate(report.id);

  // showModal makes the rest of the page inert and traps focus; Escape closes it
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const reopens = notFixed || (score !== null && score <= 2);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    if (score === null) {
      setScoreError(t('rating.scoreRequired'));
      dialog.current?.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
      return;
    }
    setScoreError(null);
    try {
      const updated = await rate.mutateAsync({ rating: score, comment, fixed: !notFixed });
      onRated(updated);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onConflict(actionErrorText(error, t));
      else setFailure(actionErrorText(error, t));
    }
  };

  const commentId = `${id}-comment`;
  const notFixedId = `${id}-not-fixed`;
  return (
    <dialog
      ref={dialog}
      className="mr-rating-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      onCancel={(event) => {
        event.preventDefault(); // React unmounts it: the effect closes it
        onClose();
      }}
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`}>{t('rating.title')}</h2>
        <p id={`${id}-intro`} className="muted">
          {t('rating.intro', { code: report.code })}
        </p>
        <StarRating
          id={`${id}-score`}
          value={score}
          error={scoreError}
          onChange={(value) => {
            setScore(value);
            setScoreError(null);
          }}
        />
        <Field id={commentId} label={t('rating.comment')} hint={t('rating.commentHint')}>
          <textarea
            id={commentId}
            value={comment}
            maxLength={MAX_COMMENT}
            onChange={(event) => setComment(event.target.value)}
            {...describedBy(commentId, t('rating.commentHint'))}
          />
        </Field>
        <div className="mr-check">
          <input
            id={notFixedId}
            type="checkbox"
            checked={notFixed}
            onChange={(event) => setNotFixed(event.target.checked)}
            aria-describedby={`${notFixedId}-hint`}
          />
          <label htmlFor={notFixedId}>{t('rating.notFixed')}</label>
        </div>
        <p className="hint" id={`${notFixedId}-hint`}>
          {t('rating.notFixedHint')}
        </p>
        {/* always present, so that screen readers hear the warning when it appears */}
        <div role="status">
          {reopens && (
            <p className="mr-notice-inline">
              <Icon of={RotateCcw} /> {t('rating.willReopen')}
            </p>
          )}
        </div>
        {failure && (
          <div className="error" role="alert">
            <p>{failure}</p>
          </div>
        )}
        <div className="row mr-dialog-actions">
          <button type="submit" className="button primary" disabled={rate.isPending}>
            {rate.isPending ? t('rating.sending') : t('rating.send')}
          </button>
          <button type="button" className="button secondary" onClick={onClose} disabled={rate.isPending}>
            {t('rating.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
