// "Bước 2/4: Vị trí" and the four steps in a row: the current one marked for screen readers
// (aria-current) and by weight and underline, the done ones by a tick, not by colour alone.
import { Check } from 'lucide-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { STEPS, type StepId } from './draft';

export function StepIndicator({ step, headingRef }: { step: StepId; headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation('report');
  const index = STEPS.indexOf(step);
  return (
    <div className="steps">
      <h2 id="report-step-title" ref={headingRef} tabIndex={-1}>
        {t('stepOf', { current: index + 1, total: STEPS.length })}: {t(`steps.${step}`)}
      </h2>
      <ol className="step-list" aria-label={t('stepsLabel')}>
        {STEPS.map((id, i) => (
          <li
            key={id}
            className={i === index ? 'is-current' : i < index ? 'is-done' : undefined}
            aria-current={i === index ? 'step' : undefined}
          >
            <span className="step-mark" aria-hidden="true">
              {i < index ? <Check className="icon" aria-hidden="true" size="1em" strokeWidth={3} /> : i + 1}
            </span>
            <span className="step-name">{t(`steps.${id}`)}</span>
            {i < index && <span className="visually-hidden"> ({t('stepDone')})</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
