// The answers a report gave to its category's questions, as a list of question and answer.
import type { CategoryAttribute } from '../../../src/shared/reference-data';
import { answeredList } from './attributes';

export function AttributeAnswers({
  attributes,
  answers,
  className,
}: {
  attributes: readonly CategoryAttribute[] | undefined;
  answers: Record<string, unknown>;
  className?: string;
}) {
  const list = answeredList(attributes, answers);
  if (list.length === 0) return null;
  return (
    <dl className={`attribute-answers ${className ?? ''}`}>
      {list.map(({ code, question, text }) => (
        <div key={code}>
          <dt>{question}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
