// What an import changes (or would change): created, updated and unchanged, per kind of row.
import { useTranslation } from 'react-i18next';
import type { PackImportSummary } from '../../../../../src/shared/admin';

const KINDS = ['areas', 'agencies', 'categories'] as const;

export function PackChanges({ summary }: { summary: PackImportSummary }) {
  const { t } = useTranslation('admin');
  return (
    <table className="adm-table adm-compact">
      <caption className="visually-hidden">{t('pack.changesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pack.kind')}</th>
          <th scope="col">{t('pack.created')}</th>
          <th scope="col">{t('pack.updated')}</th>
          <th scope="col">{t('pack.unchanged')}</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map((kind) => (
          <tr key={kind}>
            <th scope="row">{t(`pack.kinds.${kind}`)}</th>
            <td>{summary[kind].created}</td>
            <td>{summary[kind].updated}</td>
            <td>{summary[kind].unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
