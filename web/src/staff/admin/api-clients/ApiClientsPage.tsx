// API clients: the systems (Open311 apps, cameras, sensors) that file and follow reports with
// a key. Creating one shows its key once; revoking stops the key at once (asked first).
import { CircleCheck, CircleMinus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { formatDateTime, localName } from '../../../ui/format';
import { Icon } from '../../../ui/icons';
import { type ApiClient, useAgencies, useApiClients, useRevokeApiClient } from '../api';
import { adminErrorText } from '../errorText';
import { Pager, usePagedList } from '../Pager';
import { SecretOnce } from '../SecretOnce';
import { NewApiClientForm } from './NewApiClientForm';

const PAGE_SIZE = 20;

export default function ApiClientsPage() {
  const { t } = useTranslation('admin');
  const clients = useApiClients();
  const agencies = useAgencies();
  const revoke = useRevokeApiClient();
  const [created, setCreated] = useState<{ client: ApiClient; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const paged = usePagedList(clients.data ?? [], PAGE_SIZE);
  const agencyName = (code: string | null) => {
    if (!code) return t('apiClients.noAgency');
    const agency = agencies.data?.find((a) => a.code === code);
    return agency ? localName(agency) : code;
  };

  return (
    <Page title={t('apiClients.title')}>
      <p className="hint adm-lead">{t('apiClients.lead')}</p>
      <div role="status" className="adm-notice-slot">
        {notice && <p className="success">{notice}</p>}
      </div>
      {created ? (
        <SecretOnce
          title={t('apiClients.createdTitle', { name: created.client.name })}
          label={t('apiClients.key')}
          secret={created.key}
          warning={t('apiClients.keyOnce')}
          onDone={() => setCreated(null)}
        />
      ) : (
        <NewApiClientForm
          onCreated={(answer) => {
            setNotice(null);
            setCreated(answer);
          }}
        />
      )}

      <h2>{t('apiClients.listTitle')}</h2>
      {clients.isPending ? (
        <Loading />
      ) : clients.isError ? (
        <ErrorMessage error={clients.error} onRetry={() => clients.refetch()} />
      ) : clients.data.length === 0 ? (
        <EmptyState title={t('apiClients.none')} />
      ) : (
        <>
          <div className="adm-table-scroll">
            <table className="adm-table">
              <caption className="visually-hidden">{t('apiClients.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apiClients.name')}</th>
                  <th scope="col">{t('apiClients.scopes')}</th>
                  <th scope="col">{t('apiClients.agency')}</th>
                  <th scope="col">{t('apiClients.keyPrefix')}</th>
                  <th scope="col">{t('apiClients.lastUsed')}</th>
                  <th scope="col">{t('apiClients.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((client) => (
                  <tr key={client.id}>
                    <th scope="row">{client.name}</th>
                    <td>{client.scopes.map((scope) => t(`apiClients.scopeNames.${scope}`)).join(', ')}</td>
                    <td>{agencyName(client.agency)}</td>
                    <td>
                      <code>{client.key_prefix}…</code>
                    </td>
                    <td>{client.last_used_at ? formatDateTime(client.last_used_at) : t('apiClients.neverUsed')}</td>
                    <td>
                      {client.revoked_at ? (
                        <span className="adm-status is-inactive">
                          <Icon of={CircleMinus} />{' '}
                          {t('apiClients.revokedAt', { when: formatDateTime(client.revoked_at) })}
                        </span>
                      ) : (
                        <span className="adm-status is-active">
                          <Icon of={CircleCheck} /> {t('apiClients.active')}
                        </span>
                      )}
                    </td>
                    <td>
                      {!client.revoked_at && (
                        <button
                          type="button"
                          className="button link adm-danger-link"
                          aria-label={t('apiClients.revokeOne', { name: client.name })}
                          onClick={() => {
                            revoke.reset();
                            setRevoking(client);
                          }}
                        >
                          {t('apiClients.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager {...paged.pager} />
        </>
      )}

      {revoking && (
        <ConfirmDialog
          title={t('apiClients.revokeTitle', { name: revoking.name })}
          confirmLabel={t('apiClients.revoke')}
          busy={revoke.isPending}
          error={revoke.error ? adminErrorText(revoke.error, t) : null}
          onCancel={() => setRevoking(null)}
          onConfirm={async () => {
            try {
              await revoke.mutateAsync(revoking.id);
              setNotice(t('apiClients.revoked', { name: revoking.name }));
              setRevoking(null);
            } catch {
              // shown in the dialog
            }
          }}
        >
          <p>{t('apiClients.revokeBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
