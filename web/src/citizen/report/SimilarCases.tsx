// "Is it one of these?": open cases near the pin that read like this report. Following one
// instead of filing the same problem again adds the citizen as a supporter of that case.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { ErrorMessage } from '../../ui';
import { formatDate } from '../../ui/format';
import { StateChip } from '../../ui/StateChip';
import type { SimilarCase } from './queries';

interface Supported {
  code: string;
  supporter_count: number;
  already_following: boolean;
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140)}…` : text);

function SimilarCaseItem({ found }: { found: SimilarCase }) {
  const { t } = useTranslation('report');
  const follow = useMutation({
    mutationFn: () => post<Supported>(`/public/reports/${encodeURIComponent(found.code)}/support`),
  });
  return (
    <li className="card similar-case">
      <p className="row">
        <strong>{found.code}</strong> <StateChip state={found.state} />
      </p>
      <p>{excerpt(found.description)}</p>
      <p className="muted">
        {t('similar.meta', { distance: Math.round(found.distance_m), date: formatDate(found.created_at) })}
      </p>
      {follow.isSuccess ? (
        <p className="success" role="status">
          {follow.data.already_following
            ? t('similar.alreadyFollowing', { code: found.code })
            : t('similar.following', { code: found.code })}{' '}
          <Link to={`/cases/${encodeURIComponent(found.code)}`}>{t('similar.open', { code: found.code })}</Link>
        </p>
      ) : (
        <div className="row">
          <button
            type="button"
            className="button secondary"
            disabled={follow.isPending}
            onClick={() => follow.mutate()}
          >
            {follow.isPending ? t('similar.followingNow') : t('similar.follow', { code: found.code })}
          </button>
          <Link to={`/cases/${encodeURIComponent(found.code)}`}>{t('similar.open', { code: found.code })}</Link>
        </div>
      )}
      {follow.isError && <ErrorMessage error={follow.error} onRetry={() => follow.mutate()} />}
    </li>
  );
}

export function SimilarCases({ cases }: { cases: SimilarCase[] }) {
  const { t } = useTranslation('report');
  if (cases.length === 0) return null;
  return (
    <section className="similar" aria-labelledby="similar-title">
      <h3 id="similar-title">{t('similar.title')}</h3>
      <p className="hint">{t('similar.lead')}</p>
      <ul className="stack similar-list">
        {cases.map((found) => (
          <SimilarCaseItem key={found.case_id} found={found} />
        ))}
      </ul>
    </section>
  );
}
