// Routing overrides: the city's exceptions to the routing rule ("waste in Phú Xuân goes to
// the ward, not the city's sanitation company"). The list, a form to add one, changing an
// override's agency or note, and removing one (asked first).
import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingOverride } from '../../../../../src/shared/admin';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { localName } from '../../../ui/format';
import { Icon } from '../../../ui/icons';
import { useDeleteOverride, useOverrides } from '../api';
import { adminErrorText } from '../errorText';
import { Pager, usePagedList } from '../Pager';
import { matches } from '../text';
import { EditOverrideDialog } from './EditOverrideDialog';
import { NewOverrideForm } from './NewOverrideForm';

const PAGE_SIZE = 20;

export default function RoutingPage() {
  const { t } = useTranslation('admin');
  const overrides = useOverrides();
  const remove = useDeleteOverride();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<RoutingOverride | null>(null);
  const [removing, setRemoving] = useState<RoutingOverride | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shown = (overrides.data ?? []).filter((item) =>
    matches(
      query,
      item.category.name_vi,
      item.category.name_en,
      item.category.code,
      item.area.name_vi,
      item.area.name_en,
      item.agency.name_vi,
      item.agency.name_en,
      item.agency.code,
    ),
  );
  const paged = usePagedList(shown, PAGE_SIZE);

  const describe = (item: RoutingOverride) =>
    t('routing.sentence', {
      category: localName(item.category),
      area: localName(item.area),
      agency: localName(item.agency),
    });

  return (
    <Page title={t('routing.title')}>
      <p className="hint adm-lead">{t('routing.lead')}</p>
      <div role="status" className="adm-notice-slot">
        {notice && <p className="success">{notice}</p>}
      </div>
      <NewOverrideForm onCreated={(created) => setNotice(t('routing.created', { rule: describe(created) }))} />

      <h2>{t('routing.listTitle')}</h2>
      {overrides.isPending ? (
        <Loading />
      ) : overrides.isError ? (
        <ErrorMessage error={overrides.error} onRetry={() => overrides.refetch()} />
      ) : overrides.data.length === 0 ? (
        <EmptyState title={t('routing.none')}>
          <p>{t('routing.noneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="field adm-search">
            <label htmlFor="override-search">{t('routing.search')}</label>
            <input
              id="override-search"
              type="search"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                paged.reset();
              }}
            />
          </div>
          {shown.length === 0 ? (
            <EmptyState title={t('routing.noMatch')} />
          ) : (
            <div className="adm-table-scroll">
              <table className="adm-table">
                <caption className="visually-hidden">{t('routing.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('routing.category')}</th>
                    <th scope="col">{t('routing.area')}</th>
                    <th scope="col">{t('routing.agency')}</th>
                    <th scope="col">{t('routing.note')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {paged.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">{localName(item.category)}</th>
                      <td>{localName(item.area)}</td>
                      <td>
                        {localName(item.agency)}
                        {!item.agency.active && (
                          <span className="adm-warning">
                            {' '}
                            <Icon of={TriangleAlert} /> {t('routing.agencyInactive')}
                          </span>
                        )}
                      </td>
                      <td className="adm-note">{item.note || '—'}</td>
                      <td>
                        <div className="row adm-row-actions">
                          <button
                            type="button"
                            className="button link"
                            aria-label={t('routing.editOne', { rule: describe(item) })}
                            onClick={() => setEditing(item)}
                          >
                            {t('edit')}
                          </button>
                          <button
                            type="button"
                            className="button link adm-danger-link"
                            aria-label={t('routing.removeOne', { rule: describe(item) })}
                            onClick={() => {
                              remove.reset();
                              setRemoving(item);
                            }}
                          >
                            {t('routing.remove')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager {...paged.pager} />
        </>
      )}

      {editing && (
        <EditOverrideDialog
          override={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('routing.saved', { rule: describe(saved) }));
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('routing.removeTitle')}
          confirmLabel={t('routing.remove')}
          busy={remove.isPending}
          error={remove.error ? adminErrorText(remove.error, t) : null}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            try {
              await remove.mutateAsync(removing.id);
              setNotice(t('routing.removed', { rule: describe(removing) }));
              setRemoving(null);
            } catch {
              // shown in the dialog
            }
          }}
        >
          <p>{describe(removing)}</p>
          <p>{t('routing.removeBody')}</p>
        </ConfirmDialog>
      )}
    </Page>
  );
}
