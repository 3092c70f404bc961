// Every action this staff member may take on the case now, as buttons that open their form
// (one at a time). The next step of the usual path (assign, accept) is open from the start.
// A button always opens its own form, even when it is open already (a second click closing
// it surprised staff); the form closes with its own "close" button.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../src/shared/roles';
import { AssignForm } from './actions/AssignForm';
import { CategorizeForm } from './actions/CategorizeForm';
import { ResolveForm } from './actions/ResolveForm';
import { TextActionForm } from './actions/TextActionForm';
import { TransferForm } from './actions/TransferForm';
import type { ActionFormProps } from './actions/types';
import { availableActions, type StaffAction } from './caseActions';

const OPEN_FIRST: readonly StaffAction[] = ['assign', 'accept'];

function ActionForm({ action, ...props }: ActionFormProps & { action: StaffAction }) {
  switch (action) {
    case 'assign':
      return <AssignForm {...props} />;
    case 'categorize':
      return <CategorizeForm {...props} />;
    case 'transfer':
      return <TransferForm {...props} />;
    case 'resolve':
      return <ResolveForm {...props} />;
    case 'accept':
    case 'request_info':
    case 'reject':
    case 'note':
      return <TextActionForm action={action} {...props} />;
    case 'merge':
      return null; // with the duplicate candidates
  }
}

export function ActionPanel({ staffCase, submit, role }: ActionFormProps & { role: Role }) {
  const { t } = useTranslation('case');
  const regionId = useId();
  const actions = availableActions(role, staffCase.state);
  // undefined: nothing chosen yet (or the choice is gone with the state), so the usual next step
  const [chosen, setChosen] = useState<StaffAction | null | undefined>(undefined);
  const open =
    chosen === null
      ? null
      : chosen && actions.includes(chosen)
        ? chosen
        : (actions.find((a) => OPEN_FIRST.includes(a)) ?? null);

  const submitAndReset: ActionFormProps['submit'] = async (action, body) => {
    const done = await submit(action, body);
    if (done) setChosen(undefined);
    return done;
  };

  return (
    <div className="sc-action-panel">
      <div className="sc-action-buttons">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={`button ${open === action ? 'primary' : 'secondary'}`}
            aria-expanded={open === action}
            aria-controls={regionId}
            onClick={() => setChosen(action)}
          >
            {t(`actions.${action}`)}
          </button>
        ))}
      </div>
      <div id={regionId} className="sc-action-region">
        {open && (
          <>
            <ActionForm key={open} action={open} staffCase={staffCase} submit={submitAndReset} />
            <button type="button" className="button link sc-action-close" onClick={() => setChosen(null)}>
              {t('actionClose')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
