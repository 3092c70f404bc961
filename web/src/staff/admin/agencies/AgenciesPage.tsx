// Agencies: the list (search, active or not, paged) and the form to create or change one.
import { CircleCheck, CircleMinus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { EmptyState, ErrorMessage, Loading, Page } from '../../../ui';
import { localName } from '../../../ui/format';
import { Icon } from '../../../ui/icons';
import { useAgencies, useAreas } from '../api';
import { Notice } from '../Notice';
import { Pager, usePagedList } from '../Pager';
import { matches } from '../text';
import { AgencyForm } from './AgencyForm';

const PAGE_SIZE = 20;
type StatusFilter = 'all' | 'active' | 'inactive';

function AgencyList() {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const areas = useAreas();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const areaNames = new Map((areas.data ?? []).map((area) => [area.code, localName(area)]));
  const shown = (agencies.data ?? []).filter(
    (agency) =>
      (status === 'all' || agency.active === (status === 'active')) &&
      matches(query, agency.code, agency.name_vi, agency.name_en, ...agency.handles),
  );
  const paged = usePagedList(shown, PAGE_SIZE);

  return (
    <Page
      title={t('agencies.title')}
      actions={
        <Link className="button primary" to="new">
          {t('agencies.new')}
        </Link>
      }
    >
      <Notice />
      <div className="adm-filters row">
        <div className="field">
          <label htmlFor="agency-search">{t('agencies.search')}</label>
          <input
            id="agency-search"
            type="search"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              paged.reset();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="agency-status">{t('agencies.status')}</label>
          <select
            id="agency-status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as StatusFilter);
              paged.reset();
            }}
          >
            <option value="all">{t('agencies.statusAll')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="inactive">{t('status.inactive')}</option>
          </select>
        </div>
      </div>
      {agencies.isPending ? (
        <Loading />
      ) : agencies.isError ? (
        <ErrorMessage error={agencies.error} onRetry={() => agencies.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyState title={t('agencies.none')} />
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('agencies.count', { count: shown.length })}
          </p>
          <div className="adm-table-scroll">
            <table className="adm-table">
              <caption className="visually-hidden">{t('agencies.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agencies.name')}</th>
                  <th scope="col">{t('agencies.code')}</th>
                  <th scope="col">{t('agencies.handles')}</th>
                  <th scope="col">{t('agencies.areas')}</th>
                  <th scope="col">{t('agencies.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((agency) => (
                  <tr key={agency.code}>
                    <th scope="row">{localName(agency)}</th>
                    <td>
                      <code>{agency.code}</code>
                    </td>
                    <td>{agency.handles.join(', ')}</td>
                    <td>{agency.area_codes.map((code) => areaNames.get(code) ?? code).join(', ')}</td>
                    <td>
                      <StatusText active={agency.active} />
                    </td>
                    <td>
                      <Link
                        to={encodeURIComponent(agency.code)}
                        aria-label={t('agencies.editOne', { name: localName(agency) })}
                      >
                        {t('edit')}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager {...paged.pager} />
        </>
      )}
    </Page>
  );
}

/** Active or not, in words with a symbol: never by colour alone. */
export function StatusText({ active }: { active: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <span className={`adm-status ${active ? 'is-active' : 'is-inactive'}`}>
      <Icon of={active ? CircleCheck : CircleMinus} /> {active ? t('status.active') : t('status.inactive')}
    </span>
  );
}

export default function AgenciesPage() {
  return (
    <Routes>
      <Route index element={<AgencyList />} />
      <Route path="new" element={<AgencyForm />} />
      <Route path=":code" element={<AgencyForm />} />
    </Routes>
  );
}
