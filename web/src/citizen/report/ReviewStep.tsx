// Step 4: everything on one screen, each part with a way back to change it, the choice to stay
// anonymous to the agency, and the send button with its progress.
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../ui';
import { AttributeAnswers } from '../../ui/AttributeAnswers';
import { localName } from '../../ui/format';
import { Attachments } from './Attachments';
import type { Draft, StepId, UpdateDraft } from './draft';
import { useActiveCategories, useAreaLookup } from './queries';

export function ReviewStep({
  draft,
  update,
  goTo,
  sending,
  progress,
}: {
  draft: Draft;
  update: UpdateDraft;
  goTo: (step: StepId) => void;
  sending: boolean;
  progress: number;
}) {
  const { t } = useTranslation('report');
  const categories = useActiveCategories();
  const area = useAreaLookup(draft.pin);
  const category = categories?.find((c) => c.code === draft.category);

  const change = (step: StepId, what: string) => (
    <button type="button" className="button link" onClick={() => goTo(step)} disabled={sending}>
      {t('review.change', { what })}
    </button>
  );

  return (
    <div className="stack">
      <dl className="review">
        <div className="review-part">
          <dt>{t('review.media')}</dt>
          <dd>
            {draft.attachments.length > 0 ? (
              <Attachments attachments={draft.attachments} compact />
            ) : (
              <p className="muted">{t('review.noMedia')}</p>
            )}
            {change('media', t('review.mediaWhat'))}
          </dd>
        </div>
        <div className="review-part">
          <dt>{t('review.location')}</dt>
          <dd>
            {draft.pin && (
              <p>
                {area.data?.inside
                  ? localName(area.data.area)
                  : area.isFetching
                    ? t('location.wardLoading')
                    : t('location.wardUnknown')}
                <br />
                <span className="muted">
                  {draft.pin.lat.toFixed(5)}, {draft.pin.lon.toFixed(5)}
                </span>
              </p>
            )}
            {draft.address.trim() && <p>{draft.address.trim()}</p>}
            {change('location', t('review.locationWhat'))}
          </dd>
        </div>
        <div className="review-part">
          <dt>{t('review.description')}</dt>
          <dd>
            <p className="review-text">{draft.description.trim()}</p>
            {change('details', t('review.descriptionWhat'))}
          </dd>
        </div>
        <div className="review-part">
          <dt>{t('review.category')}</dt>
          <dd>
            <p>{category ? localName(category) : draft.category || t('details.letCityDecide')}</p>
            {category && <AttributeAnswers attributes={category.attributes} answers={draft.attributes} />}
            {change('details', t('review.categoryWhat'))}
          </dd>
        </div>
      </dl>
      <div className="check">
        <input
          id="report-anonymous"
          type="checkbox"
          checked={draft.anonymous}
          disabled={sending}
          aria-describedby="report-anonymous-hint"
          onChange={(event) => update({ anonymous: event.target.checked })}
        />
        <label htmlFor="report-anonymous">{t('review.anonymous')}</label>
        <p className="hint" id="report-anonymous-hint">
          {t('review.anonymousHint')}
        </p>
      </div>
      {sending && (
        <div>
          <p role="status">{t('review.sending')}</p>
          <ProgressBar value={progress} label={t('review.progress')} />
        </div>
      )}
    </div>
  );
}
