// The actions that carry one text: accepting (an optional word to the citizen), asking the
// citizen for more, rejecting with the reason, and an internal note. Who will read the text is
// said next to the box, because a public message cannot be taken back.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, Field } from '../../../ui';
import type { StaffAction } from '../caseActions';
import { type ActionFormProps, MAX_MESSAGE } from './types';
import { FormFailure, useActionRunner } from './useActionRunner';

type TextAction = Extract<StaffAction, 'accept' | 'request_info' | 'reject' | 'note'>;

/** The body field each action's text goes in, and whether it may be left empty. */
const SHAPES: Record<TextAction, { field: 'message' | 'reason' | 'text'; required: boolean; danger?: boolean }> = {
  accept: { field: 'message', required: false },
  request_info: { field: 'message', required: true },
  reject: { field: 'reason', required: true, danger: true },
  note: { field: 'text', required: true },
};

export function TextActionForm({ action, submit }: ActionFormProps & { action: TextAction }) {
  const { t } = useTranslation('case');
  const id = useId();
  const textId = `${id}-text`;
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const { busy, failure, run } = useActionRunner(submit);
  const shape = SHAPES[action];
  const hint = t(`forms.${action}.hint`);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (shape.required && value === '') {
      setTextError(t(`forms.${action}.required`));
      box.current?.focus();
      return;
    }
    setTextError(null);
    if (await run(action, value ? { [shape.field]: value } : {})) setText('');
  };

  return (
    <form className="stack sc-action-form" onSubmit={onSubmit} noValidate aria-label={t(`actions.${action}`)}>
      <Field
        id={textId}
        label={t(`forms.${action}.label`) + (shape.required ? '' : ` ${t('forms.optional')}`)}
        hint={hint}
        error={textError}
      >
        <textarea
          id={textId}
          ref={box}
          value={text}
          maxLength={MAX_MESSAGE}
          required={shape.required}
          disabled={busy}
          onChange={(event) => setText(event.target.value)}
          {...describedBy(textId, hint, textError)}
        />
      </Field>
      <FormFailure text={failure} />
      <div className="row">
        <button type="submit" className={`button ${shape.danger ? 'danger' : 'primary'}`} disabled={busy}>
          {busy ? t('forms.sending') : t(`forms.${action}.submit`)}
        </button>
      </div>
    </form>
  );
}
