// Open cases that may report the same problem, most likely first, with how alike they are and
// how far apart. An operator may merge this case into one of them, after confirming: this case
// then closes as merged and its citizens follow the other.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffCase } from '../../../../src/shared/cases';
import { ErrorMessage, Loading } from '../../ui';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/format';
import type { SubmitAction } from './actions/types';
import { FormFailure, useActionRunner } from './actions/useActionRunner';
import { type DuplicateCandidate, type DuplicateSearch, useDuplicates } from './api';
import { StaffStateChip } from './CaseChips';
import { formatPercent } from './numbers';
import { useReferenceNames } from './useReferenceNames';

const NEAR: DuplicateSearch = { radius: 50, days: 14 };
const WIDE: DuplicateSearch = { radius: 300, days: 60 };

export function DuplicatesSection({
  staffCase,
  canMerge,
  submit,
}: {
  staffCase: StaffCase;
  canMerge: boolean;
  submit: SubmitAction;
}) {
  const { t } = useTranslation('case');
  const names = useReferenceNames();
  const [search, setSearch] = useState(NEAR);
  const [merging, setMerging] = useState<DuplicateCandidate | null>(null);
  const duplicates = useDuplicates(staffCase.id, search, true);
  const { busy, failure, setFailure, run } = useActionRunner(submit);
  const wide = search === WIDE;

  const confirmMerge = async () => {
    if (!merging) return;
    await run('merge', { into: merging.case_id });
    setMerging(null);
  };

  return (
    <div className="stack">
      <p className="hint">
        {t(wide ? 'duplicates.searchWide' : 'duplicates.searchNear', { radius: search.radius, days: search.days })}{' '}
        <button type="button" className="button link" onClick={() => setSearch(wide ? NEAR : WIDE)}>
          {wide ? t('duplicates.narrow') : t('duplicates.widen')}
        </button>
      </p>
      {duplicates.isPending ? (
        <Loading label={t('duplicates.loading')} />
      ) : duplicates.isError ? (
        <ErrorMessage error={duplicates.error} onRetry={() => duplicates.refetch()} />
      ) : duplicates.data.items.length === 0 ? (
        <p className="muted">{t('duplicates.none')}</p>
      ) : (
        <ul className="sc-duplicates">
          {duplicates.data.items.map((candidate) => (
            <li key={candidate.case_id} className="sc-duplicate">
              <p className="row">
                <Link to={`/staff/cases/${candidate.case_id}`} className="sc-code">
                  {candidate.code}
                </Link>
                <StaffStateChip state={candidate.state} />
              </p>
              <p className="sc-duplicate-description">{candidate.description}</p>
              <p className="muted">
                {t('duplicates.facts', {
                  score: formatPercent(candidate.score),
                  distance: Math.round(candidate.distance_m),
                  category: names.category(candidate.category) ?? t('header.none'),
                  when: formatDateTime(candidate.created_at),
                })}
              </p>
              {canMerge && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setFailure(null);
                    setMerging(candidate);
                  }}
                >
                  {t('duplicates.merge', { code: candidate.code })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormFailure text={failure} />
      {merging && (
        <ConfirmDialog
          title={t('duplicates.confirmTitle')}
          confirmLabel={busy ? t('forms.sending') : t('duplicates.confirm')}
          busy={busy}
          onConfirm={confirmMerge}
          onCancel={() => setMerging(null)}
        >
          <p>{t('duplicates.confirmText', { from: staffCase.code, into: merging.code })}</p>
          <p className="muted">{t('duplicates.confirmFollow', { into: merging.code })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
