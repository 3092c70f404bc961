// How sure the triage model is, in words rather than a false precision: a calibrated 0.93 means
// "right about 93 times in 100", which staff read best as "likely". The figure stays in the
// tooltip for those who want it. Used by the queue's suggestion chip and the case's suggestion.
import { useTranslation } from 'react-i18next';
import { formatPercent } from './case/numbers';

export type ConfidenceLevel = 'likely' | 'possibly' | 'uncertain';

/** >= 0.85 likely, 0.5 to 0.85 possibly, below uncertain. */
export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (confidence >= 0.85) return 'likely';
  return confidence >= 0.5 ? 'possibly' : 'uncertain';
}

/** The word alone, for text built elsewhere (a list of alternatives). */
export function useConfidenceWord(): (confidence: number) => string {
  const { t } = useTranslation('confidence');
  return (confidence) => t(confidenceLevel(confidence));
}

export function ConfidenceWords({ value }: { value: number }) {
  const { t } = useTranslation('confidence');
  const level = confidenceLevel(value);
  return (
    <span className={`confidence confidence-${level}`} title={t('tooltip', { value: formatPercent(value) })}>
      {t(level)}
    </span>
  );
}
