// "I have this problem too": a citizen follows an open report instead of filing it again;
// they hear of its progress in their inbox and it counts one more person affected.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseState } from '../../../../src/shared/cases';
import { post } from '../../api/client';
import { useMe } from '../../api/session';
import { ErrorMessage } from '../../ui';

const FOLLOWABLE: readonly CaseState[] = [
  'submitted',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_for_citizen',
  'reopened',
];

interface Supported {
  code: string;
  supporter_count: number;
  already_following: boolean;
}

export function SupportButton({ code, state }: { code: string; state: CaseState }) {
  const { t } = useTranslation('public-case');
  const me = useMe();
  const client = useQueryClient();
  const support = useMutation({
    mutationFn: () => post<Supported>(`/public/reports/${encodeURIComponent(code)}/support`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['public-case', code.toUpperCase()] }),
  });
  if (!FOLLOWABLE.includes(state)) return null;
  if (me.data && me.data.role !== 'citizen') return null;
  if (!me.data) {
    return (
      <p className="pc-support">
        <Link to={`/sign-in?next=${encodeURIComponent(`/cases/${code}`)}`}>{t('support.signIn')}</Link>
      </p>
    );
  }
  return (
    <div className="pc-support stack">
      {support.data ? (
        <p className="success" role="status">
          {support.data.already_following
            ? t('support.already')
            : t('support.done', { count: support.data.supporter_count })}
        </p>
      ) : (
        <button
          type="button"
          className="button secondary"
          disabled={support.isPending}
          onClick={() => support.mutate()}
        >
          {t('support.button')}
        </button>
      )}
      {support.isError && <ErrorMessage error={support.error} />}
    </div>
  );
}
