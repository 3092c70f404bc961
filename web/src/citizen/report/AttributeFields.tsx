// The details the chosen category asks (the city pack's attributes: the pole number of a street
// light, the size of a pothole, the kinds of waste), each with the input of its datatype.
// Required ones are marked and checked before the citizen moves on; the server checks again.
import { useTranslation } from 'react-i18next';
import type { CategoryAttribute } from '../../../../src/shared/reference-data';
import { type AttributeAnswers, attributeHint, attributeQuestion } from '../../ui/attributes';
import { localName } from '../../ui/format';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date-time as a datetime-local input shows it: the device's own time. */
function localInputOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What the input gave as the ISO date-time the server wants (with its time zone: UTC). */
function isoOf(local: string): string {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

function AttributeInput({
  attribute,
  answer,
  onAnswer,
  describedBy,
}: {
  attribute: CategoryAttribute;
  answer: string | string[] | undefined;
  onAnswer: (answer: string | string[]) => void;
  describedBy: string | undefined;
}) {
  const { t } = useTranslation('report');
  const id = `report-attribute-${attribute.code}`;
  const text = typeof answer === 'string' ? answer : '';
  const common = { id, required: attribute.required, 'aria-describedby': describedBy };
  switch (attribute.datatype) {
    case 'string':
      return <input {...common} type="text" maxLength={500} value={text} onChange={(e) => onAnswer(e.target.value)} />;
    case 'text':
      return <textarea {...common} rows={3} maxLength={4000} value={text} onChange={(e) => onAnswer(e.target.value)} />;
    case 'number':
      return (
        <input
          {...common}
          type="number"
          step="any"
          inputMode="decimal"
          value={text}
          onChange={(e) => onAnswer(e.target.value)}
        />
      );
    case 'datetime':
      return (
        <input
          {...common}
          type="datetime-local"
          value={localInputOf(text)}
          onChange={(e) => onAnswer(isoOf(e.target.value))}
        />
      );
    case 'singlevaluelist':
      return (
        <select {...common} value={text} onChange={(e) => onAnswer(e.target.value)}>
          <option value="">{t('details.choose')}</option>
          {attribute.values.map((value) => (
            <option key={value.key} value={value.key}>
              {localName(value)}
            </option>
          ))}
        </select>
      );
    case 'multivaluelist': {
      const chosen = Array.isArray(answer) ? answer : [];
      return (
        <div className="attribute-choices">
          {attribute.values.map((value) => (
            <div className="check" key={value.key}>
              <input
                id={`${id}-${value.key}`}
                type="checkbox"
                checked={chosen.includes(value.key)}
                onChange={(e) =>
                  onAnswer(e.target.checked ? [...chosen, value.key] : chosen.filter((key) => key !== value.key))
                }
              />
              <label htmlFor={`${id}-${value.key}`}>{localName(value)}</label>
            </div>
          ))}
        </div>
      );
    }
    default:
      return null;
  }
}

/** One question: its label (required or not), its hint, its input. */
function AttributeField({
  attribute,
  answer,
  onAnswer,
}: {
  attribute: CategoryAttribute;
  answer: string | string[] | undefined;
  onAnswer: (answer: string | string[]) => void;
}) {
  const { t } = useTranslation('report');
  const hint = attributeHint(attribute);
  const hintId = hint ? `report-attribute-${attribute.code}-hint` : undefined;
  const label = (
    <>
      {attributeQuestion(attribute)}{' '}
      <span className="muted">{attribute.required ? t('details.requiredMark') : t('details.optionalMark')}</span>
    </>
  );
  const hintText = hint && (
    <p className="hint" id={hintId}>
      {hint}
    </p>
  );
  const input = <AttributeInput attribute={attribute} answer={answer} onAnswer={onAnswer} describedBy={hintId} />;
  // a list of checkboxes is a group of its own, named by the question
  if (attribute.datatype === 'multivaluelist') {
    return (
      <fieldset className="field" aria-describedby={hintId}>
        <legend>{label}</legend>
        {hintText}
        {input}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={`report-attribute-${attribute.code}`}>{label}</label>
      {hintText}
      {input}
    </div>
  );
}

export function AttributeFields({
  attributes,
  answers,
  onChange,
  problem,
}: {
  attributes: readonly CategoryAttribute[];
  answers: AttributeAnswers;
  onChange: (answers: AttributeAnswers) => void;
  /** What is wrong with the answers (a required one missing, or the server's refusal). */
  problem: string | null;
}) {
  const { t } = useTranslation('report');
  if (attributes.length === 0) return null;
  const ordered = [...attributes].sort((a, b) => a.order - b.order);
  return (
    <fieldset className="stack attribute-fields" aria-describedby={problem ? 'report-attributes-error' : undefined}>
      <legend>{t('details.attributes')}</legend>
      {ordered.map((attribute) => (
        <AttributeField
          key={attribute.code}
          attribute={attribute}
          answer={answers[attribute.code]}
          onAnswer={(answer) => onChange({ ...answers, [attribute.code]: answer })}
        />
      ))}
      {problem && (
        <p className="field-error" id="report-attributes-error" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
