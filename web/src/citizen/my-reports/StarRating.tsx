// 1 to 5 stars as a group of radio buttons: arrow keys move between them, the stars are
// drawn over the native inputs, and the chosen score is also said in words.
import { Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';

const SCORES = [1, 2, 3, 4, 5] as const;

export function StarRating({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: number | null;
  onChange: (score: number) => void;
  error: string | null;
}) {
  const { t } = useTranslation('cases');
  const labelId = `${id}-label`;
  const wordsId = `${id}-words`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <p className="mr-field-label" id={labelId}>
        {t('rating.scoreLabel')}
      </p>
      <div
        className="mr-stars"
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={error ? `${wordsId} ${errorId}` : wordsId}
        aria-required="true"
        aria-invalid={error ? true : undefined}
      >
        {SCORES.map((score) => (
          <span key={score} className="mr-star">
            <input
              id={`${id}-${score}`}
              className="visually-hidden"
              type="radio"
              name={id}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
            />
            <label htmlFor={`${id}-${score}`} className={value !== null && score <= value ? 'mr-lit' : undefined}>
              <Star
                className="icon mr-star-icon"
                aria-hidden="true"
                size="1em"
                fill={value !== null && score <= value ? 'currentColor' : 'none'}
              />
              <span className="visually-hidden">{t('rating.stars', { count: score })}</span>
            </label>
          </span>
        ))}
      </div>
      <p className="mr-score-words" id={wordsId} aria-live="polite">
        {value === null ? t('rating.noScore') : `${t('rating.stars', { count: value })}: ${t(`rating.words.${value}`)}`}
      </p>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
