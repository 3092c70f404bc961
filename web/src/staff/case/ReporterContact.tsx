// Who reported the case and how to reach them, for staff only. The server decides what is
// shown: agency staff get no contact for an anonymous report, operators do (and are told so).
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StaffCase } from '../../../../src/shared/cases';
import { Icon } from '../../ui/icons';

export function ReporterContact({ staffCase }: { staffCase: StaffCase }) {
  const { t } = useTranslation('case');
  const { reporter, anonymous } = staffCase;
  if (!reporter) {
    return <p className="muted">{anonymous ? t('contact.hiddenAnonymous') : t('contact.none')}</p>;
  }
  return (
    <div className="stack">
      {anonymous && (
        <p className="sc-caution">
          <Icon of={TriangleAlert} /> {t('contact.anonymousWarning')}
        </p>
      )}
      <dl className="sc-facts">
        <div>
          <dt>{t('contact.name')}</dt>
          <dd>{reporter.display_name}</dd>
        </div>
        <div>
          <dt>{t('contact.phone')}</dt>
          <dd>{reporter.phone ? <a href={`tel:${reporter.phone}`}>{reporter.phone}</a> : t('contact.notGiven')}</dd>
        </div>
        {reporter.email && (
          <div>
            <dt>{t('contact.email')}</dt>
            <dd>
              <a href={`mailto:${reporter.email}`}>{reporter.email}</a>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
