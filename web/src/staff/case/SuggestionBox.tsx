// What the triage model and the routing rules suggest: category and priority with how sure the
// model is, the agency with the rules' explanation in the reader's language, and any warning
// (insults, spam, repeats) for the operator to judge. The assign form starts from it.
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TriageSuggestionView } from '../../../../src/shared/cases';
import { Icon } from '../../ui/icons';
import { ConfidenceWords, useConfidenceWord } from '../ConfidenceWords';
import { formatPercent } from './numbers';
import { useReferenceNames } from './useReferenceNames';

export function SuggestionBox({ suggestion }: { suggestion: TriageSuggestionView | null | undefined }) {
  const { t, i18n } = useTranslation('case');
  const names = useReferenceNames();
  const word = useConfidenceWord();
  if (!suggestion) return <p className="muted">{t('suggestion.none')}</p>;
  const explanation = suggestion.routing_explanation
    ? i18n.language === 'en'
      ? suggestion.routing_explanation.en
      : suggestion.routing_explanation.vi
    : null;
  const others = suggestion.top3.filter((entry) => entry.category !== suggestion.category);
  return (
    <div className="stack sc-suggestion">
      <dl className="sc-facts">
        <div>
          <dt>{t('suggestion.category')}</dt>
          <dd>
            <strong>{names.category(suggestion.category)}</strong>{' '}
            <span className="muted">
              (<ConfidenceWords value={suggestion.confidence} />)
            </span>
            {others.length > 0 && (
              <span
                className="sc-suggestion-others muted"
                title={others
                  .map((entry) => `${names.category(entry.category)} ${formatPercent(entry.confidence)}`)
                  .join(', ')}
              >
                {t('suggestion.alternatives', {
                  list: others
                    .map((entry) => `${names.category(entry.category)} (${word(entry.confidence)})`)
                    .join(', '),
                })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('suggestion.priority')}</dt>
          <dd>
            <strong>{t(`priority.${suggestion.priority}`)}</strong>{' '}
            <span className="muted">
              (<ConfidenceWords value={suggestion.priority_confidence} />)
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('suggestion.agency')}</dt>
          <dd>
            <strong>{suggestion.agency ? names.agency(suggestion.agency) : t('suggestion.noAgency')}</strong>
          </dd>
        </div>
      </dl>
      {explanation && (
        <p className="sc-explanation">
          <span className="visually-hidden">{t('suggestion.why')} </span>
          {explanation}
        </p>
      )}
      {suggestion.abuse_reasons.length > 0 && (
        <div className="sc-caution" role="note">
          <p>
            <Icon of={TriangleAlert} /> {t('suggestion.abuse')}
          </p>
          <ul className="sc-caution-list">
            {suggestion.abuse_reasons.map((reason) => (
              <li key={reason}>{t(`abuse.${reason}`, { defaultValue: reason })}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint">{t('suggestion.model', { version: suggestion.model_version })}</p>
    </div>
  );
}
