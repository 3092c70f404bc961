// The busy state and the failure of one action form, so that each form only says what it sends.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionErrorText } from '../actionErrors';
import type { StaffAction } from '../caseActions';
import type { SubmitAction } from './types';

export function useActionRunner(submit: SubmitAction) {
  const { t } = useTranslation('case');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: StaffAction, body: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      return await submit(action, body);
    } catch (error) {
      setFailure(actionErrorText(error, t));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, setFailure, run };
}

export function FormFailure({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="error" role="alert">
      <p>{text}</p>
    </div>
  );
}
