// Changing an override's agency or note, in a dialog over the list.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingOverride } from '../../../../../src/shared/admin';
import { describedBy, Field } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { localName } from '../../../ui/format';
import { useAgencies, useUpdateOverride } from '../api';
import { adminErrorText } from '../errorText';
import { changedFields } from '../forms';

export function EditOverrideDialog({
  override,
  onClose,
  onSaved,
}: {
  override: RoutingOverride;
  onClose: () => void;
  onSaved: (saved: RoutingOverride) => void;
}) {
  const { t } = useTranslation('admin');
  const id = useId();
  const agencies = useAgencies();
  const update = useUpdateOverride();
  const [agency, setAgency] = useState(override.agency.code);
  const [note, setNote] = useState(override.note);

  const save = async () => {
    const changes = changedFields({ agency: override.agency.code, note: override.note }, { agency, note: note.trim() });
    if (Object.keys(changes).length === 0) return onClose();
    try {
      onSaved(await update.mutateAsync({ id: override.id, changes }));
    } catch {
      // shown in the dialog
    }
  };

  return (
    <ConfirmDialog
      title={t('routing.editTitle')}
      confirmLabel={t('form.save')}
      danger={false}
      busy={update.isPending}
      error={update.error ? adminErrorText(update.error, t) : null}
      onCancel={onClose}
      onConfirm={() => void save()}
    >
      <p>{t('routing.editWhat', { category: localName(override.category), area: localName(override.area) })}</p>
      <Field id={`${id}-agency`} label={t('routing.agency')}>
        <select id={`${id}-agency`} value={agency} onChange={(event) => setAgency(event.target.value)}>
          {(agencies.data ?? [])
            .filter((option) => option.active || option.code === override.agency.code)
            .map((option) => (
              <option key={option.code} value={option.code}>
                {localName(option)}
              </option>
            ))}
        </select>
      </Field>
      <Field id={`${id}-note`} label={t('routing.note')} hint={t('routing.noteHint')}>
        <input
          id={`${id}-note`}
          value={note}
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
          {...describedBy(`${id}-note`, t('routing.noteHint'))}
        />
      </Field>
    </ConfirmDialog>
  );
}
