// City pack import: the administrator picks the pack's four files, has them checked (every
// problem is listed, grouped by file; or what an import would change), then imports them.

// The server refuses a broken pack whole, so nothing is ever half imported.
import { CircleCheck } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PACK_FILE_NAMES, type PackImportSummary, type PackValidationReport } from '../../../../../src/shared/admin';
import { Page, ProgressBar } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { Icon } from '../../../ui/icons';
import { type PackFiles, useImportPack, useValidatePack } from '../api';
import { adminErrorText } from '../errorText';
import { PackChanges } from './PackChanges';
import { PackProblems } from './PackProblems';

export default function PackPage() {
  const { t } = useTranslation('admin');
  const id = useId();
  const [files, setFiles] = useState<PackFiles>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<PackValidationReport | null>(null);
  const [imported, setImported] = useState<PackImportSummary | null>(null);
  const [importProblems, setImportProblems] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  const validate = useValidatePack();
  const importPack = useImportPack();
  const busy = validate.isPending || importPack.isPending;
  const chosen = PACK_FILE_NAMES.filter((name) => files[name]);

  const choose = (name: string, file: File | undefined) => {
    setFiles((current) => ({ ...current, [name]: file }));
    // what was checked is no longer what is chosen
    setReport(null);
    setImported(null);
    setImportProblems(null);
    setMissing(false);
    validate.reset();
    importPack.reset();
  };

  const onValidate = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) return setMissing(true);
    setImported(null);
    setImportProblems(null);
    try {
      setReport(await validate.mutateAsync({ files, onProgress: setProgress }));
    } catch {
      setReport(null); // the error is shown below the form
    } finally {
      setProgress(null);
    }
  };

  const onImport = async () => {
    try {
      setImported(await importPack.mutateAsync({ files, onProgress: setProgress }));
      setReport(null);
    } catch (error) {
      const details = (error as { details?: { problems?: string[] } }).details;
      if (details?.problems) setImportProblems(details.problems); // changed since it was checked
    } finally {
      setProgress(null);
      setConfirming(false);
    }
  };

  const failure = validate.error ?? (importProblems ? null : importPack.error);
  return (
    <Page title={t('pack.title')}>
      <p className="hint adm-lead">{t('pack.lead')}</p>
      <form className="stack adm-form" onSubmit={onValidate} noValidate aria-describedby={`${id}-files-hint`}>
        <fieldset className={`adm-fieldset${missing ? ' has-error' : ''}`}>
          <legend>{t('pack.files')}</legend>
          <p className="hint" id={`${id}-files-hint`}>
            {t('pack.filesHint')}
          </p>
          <div className="adm-file-grid">
            {PACK_FILE_NAMES.map((name) => (
              <div className="field" key={name}>
                <label htmlFor={`${id}-${name}`}>
                  <code>{name}</code> · {t(`pack.fileRoles.${name.replace('.', '_')}`)}
                </label>
                <input
                  id={`${id}-${name}`}
                  type="file"
                  accept={name.endsWith('.geojson') ? '.geojson,.json,application/geo+json' : '.json,application/json'}
                  onChange={(event) => choose(name, event.target.files?.[0])}
                />
              </div>
            ))}
          </div>
          {missing && (
            <p className="field-error" role="alert">
              {t('pack.noFiles')}
            </p>
          )}
        </fieldset>
        <div className="row">
          <button type="submit" className="button primary" disabled={busy}>
            {validate.isPending ? t('pack.checking') : t('pack.validate')}
          </button>
        </div>
        {progress !== null && <ProgressBar value={progress} label={t('pack.uploading')} />}
      </form>

      <div aria-live="polite" className="adm-pack-result">
        {failure && (
          <div className="error" role="alert">
            <p>{adminErrorText(failure, t)}</p>
          </div>
        )}
        {report && !report.valid && <PackProblems problems={report.problems} />}
        {importProblems && <PackProblems problems={importProblems} refusedImport />}
        {report?.valid && report.changes && (
          <section className="card adm-card" aria-labelledby={`${id}-valid`}>
            <h2 id={`${id}-valid`}>
              <Icon of={CircleCheck} />{' '}
              {t('pack.valid', { name: report.changes.pack.name, code: report.changes.pack.code })}
            </h2>
            <p>{t('pack.wouldChange')}</p>
            <PackChanges summary={report.changes} />
            <button type="button" className="button primary" onClick={() => setConfirming(true)} disabled={busy}>
              {t('pack.import')}
            </button>
          </section>
        )}
        {imported && (
          <section className="success adm-card" aria-labelledby={`${id}-imported`}>
            <h2 id={`${id}-imported`}>{t('pack.imported', { name: imported.pack.name, code: imported.pack.code })}</h2>
            <PackChanges summary={imported} />
          </section>
        )}
      </div>

      {confirming && report?.changes && (
        <ConfirmDialog
          title={t('pack.confirmTitle', { name: report.changes.pack.name })}
          confirmLabel={t('pack.import')}
          danger={false}
          busy={importPack.isPending}
          onConfirm={() => void onImport()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('pack.confirmBody')}</p>
          <PackChanges summary={report.changes} />
        </ConfirmDialog>
      )}
    </Page>
  );
}
