// Step 3: what is wrong, in the citizen's words, and its category. The category is suggested
// live from the text (POST /triage/suggest, debounced) and stays the citizen's to change;
// open cases nearby that read the same are offered to follow instead.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../app/useOnline';
import { localName } from '../../ui/format';
import { AttributeFields } from './AttributeFields';
import { type Draft, MAX_DESCRIPTION, type UpdateDraft } from './draft';
import { SUGGEST_MIN_CHARS, useActiveCategories, useTriageSuggestion } from './queries';
import { SimilarCases } from './SimilarCases';

/** A suggestion this sure is put in the select; a weaker one is only offered. */
const AUTO_PICK_CONFIDENCE = 0.5;

export function DetailsStep({ draft, update, problem }: { draft: Draft; update: UpdateDraft; problem: string | null }) {
  const { t } = useTranslation('report');
  const online = useOnline();
  const categories = useActiveCategories();
  const suggestion = useTriageSuggestion(draft.description, draft.pin);
  const suggested = suggestion.data?.category;
  const known = categories?.some((c) => c.code === suggested?.code) ?? false;

  // until the citizen picks one, the select follows a confident suggestion
  useEffect(() => {
    if (!suggested || draft.categoryChosen) return;
    const code = suggested.confidence >= AUTO_PICK_CONFIDENCE && known ? suggested.code : '';
    if (code !== draft.category) update({ category: code, attributes: {} });
  }, [suggested, known, draft.categoryChosen, draft.category, update]);

  const chosen = categories?.find((c) => c.code === draft.category);
  // once there is a description, what is wrong on this step is in the category's questions
  const attributeProblem = problem && draft.description.trim() && chosen?.attributes.length ? problem : null;
  const descriptionProblem = attributeProblem ? null : problem;
  const length = draft.description.length;
  const describedIds = [
    'report-description-hint',
    'report-description-count',
    descriptionProblem ? 'report-description-error' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const percent = suggested ? Math.round(suggested.confidence * 100) : 0;

  let suggestionText: string | null = null;
  if (suggested) suggestionText = t('details.suggested', { name: localName(suggested), percent });
  else if (!online && draft.description.trim().length >= SUGGEST_MIN_CHARS)
    suggestionText = t('details.suggestOffline');
  else if (suggestion.isFetching) suggestionText = t('details.suggesting');

  return (
    <div className="stack">
      <div className={`field${descriptionProblem ? ' has-error' : ''}`}>
        <label htmlFor="report-description">{t('details.description')}</label>
        <p className="hint" id="report-description-hint">
          {t('details.descriptionHint')}
        </p>
        <textarea
          id="report-description"
          value={draft.description}
          maxLength={MAX_DESCRIPTION}
          rows={6}
          required
          aria-describedby={describedIds}
          aria-invalid={descriptionProblem ? true : undefined}
          onChange={(event) => update({ description: event.target.value })}
        />
        <p className="hint counter" id="report-description-count">
          {t('details.count', { count: length, max: MAX_DESCRIPTION })}
        </p>
        {descriptionProblem && (
          <p className="field-error" id="report-description-error" role="alert">
            {descriptionProblem}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor="report-category">{t('details.category')}</label>
        <p className="hint" id="report-category-hint" aria-live="polite">
          {suggestionText ?? t('details.categoryHint')}
        </p>
        <select
          id="report-category"
          value={draft.category}
          aria-describedby="report-category-hint"
          onChange={(event) => update({ category: event.target.value, categoryChosen: true, attributes: {} })}
        >
          <option value="">{t('details.letCityDecide')}</option>
          {(categories ?? []).map((category) => (
            <option key={category.code} value={category.code}>
              {localName(category)}
            </option>
          ))}
        </select>
        {suggested && known && draft.category !== suggested.code && (
          <div>
            <button
              type="button"
              className="button link"
              onClick={() => update({ category: suggested.code, categoryChosen: true, attributes: {} })}
            >
              {t('details.useSuggestion', { name: localName(suggested) })}
            </button>
          </div>
        )}
      </div>

      <AttributeFields
        attributes={chosen?.attributes ?? []}
        answers={draft.attributes}
        onChange={(attributes) => update({ attributes })}
        problem={attributeProblem}
      />

      <SimilarCases cases={suggestion.data?.similar ?? []} />
    </div>
  );
}
