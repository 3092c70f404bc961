// The audit log: who did what, when and from where, newest first, by kind of action and page
// by page (older / newer). Details are folded away until asked for.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { formatDateTime } from '../../../ui/format';
import { type AuditEntry, useAuditLog } from '../api';
import { Pager, useCursorPages } from '../Pager';

/** The kinds of action to filter by: each is the prefix of its actions (user → user.created, …). */
export const AUDIT_GROUPS = [
  'auth',
  'user',
  'agency',
  'category',
  'triage',
  'routing_override',
  'pack',
  'api_client',
  'webhook',
] as const;

function ActionName({ action }: { action: string }) {
  const { t } = useTranslation('admin');
  const label = t(`audit.actions.${action}`, { defaultValue: '' });
  return (
    <>
      {label || action}
      {label && (
        <>
          <br />
          <code className="adm-check-note">{action}</code>
        </>
      )}
    </>
  );
}

function Details({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('admin');
  if (Object.keys(entry.details).length === 0 && !entry.user_agent) return <>—</>;
  return (
    <details>
      <summary>{t('audit.showDetails')}</summary>
      {entry.user_agent && (
        <p className="adm-check-note adm-agent">
          {t('audit.userAgent')}: {entry.user_agent}
        </p>
      )}
      {Object.keys(entry.details).length > 0 && (
        <pre className="adm-json">{JSON.stringify(entry.details, null, 2)}</pre>
      )}
    </details>
  );
}

export default function AuditPage() {
  const { t } = useTranslation('admin');
  const [group, setGroup] = useState('');
  const pages = useCursorPages<number>();
  const log = useAuditLog(group, pages.cursor);
  const next = log.data?.next_before ?? null;

  return (
    <Page title={t('audit.title')}>
      <p className="hint adm-lead">{t('audit.lead')}</p>
      <div className="adm-filters row">
        <div className="field">
          <label htmlFor="audit-group">{t('audit.filter')}</label>
          <select
            id="audit-group"
            value={group}
            onChange={(event) => {
              setGroup(event.target.value);
              pages.reset();
            }}
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_GROUPS.map((option) => (
              <option key={option} value={option}>
                {t(`audit.groups.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button secondary" onClick={() => void log.refetch()} disabled={log.isFetching}>
          {t('audit.refresh')}
        </button>
      </div>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorMessage error={log.error} onRetry={() => log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <EmptyState title={t('audit.none')} />
      ) : (
        <>
          <div className="adm-table-scroll">
            <table className="adm-table">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.what')}</th>
                  <th scope="col">{t('audit.target')}</th>
                  <th scope="col">{t('audit.from')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </th>
                    <td>
                      {entry.actor_label ?? t('audit.nobody')}
                      {entry.actor_role && (
                        <>
                          <br />
                          <span className="adm-check-note">
                            {t(`staff:roles.${entry.actor_role}`, { defaultValue: entry.actor_role })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      <ActionName action={entry.action} />
                    </td>
                    <td>
                      {entry.target_type ? (
                        <>
                          {t(`audit.targets.${entry.target_type}`, { defaultValue: entry.target_type })}
                          {entry.target_id && (
                            <>
                              {' '}
                              <code className="adm-target-id">{entry.target_id}</code>
                            </>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="adm-ip">{entry.ip ?? '—'}</td>
                    <td>
                      <Details entry={entry} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={pages.page}
            hasNext={next !== null}
            busy={log.isFetching}
            onPrevious={pages.previous}
            onNext={() => next !== null && pages.next(next)}
          />
        </>
      )}
    </Page>
  );
}
