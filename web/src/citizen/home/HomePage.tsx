// The citizen home is the hub of the city's super app, as Hue-S's is: a greeting, the alerts
// in force for the citizen's places at the top (the alerts module is not built yet: nothing
// shows there until it is), then one tile per section, each a link to its screen.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/session';
import { Page } from '../../ui';
import { HOME_SECTIONS } from './sections';

/** Where the alerts in force will stand, first on the home; empty until the alerts module lands. */
function AlertsInForce() {
  return null;
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const name = me.data?.role === 'citizen' ? me.data.display_name.trim() : '';
  return (
    <Page title={name ? t('hub.greetingNamed', { name }) : t('hub.greeting')}>
      <p className="lead hub-lead">{t('hub.lead')}</p>
      <AlertsInForce />
      <nav aria-label={t('hub.sectionsLabel')}>
        <ul className="hub-grid">
          {HOME_SECTIONS.filter((section) => section.available).map(({ key, path, icon: Icon }) => (
            <li key={key}>
              <Link to={path} className={`hub-tile hub-tile-${key}`}>
                <Icon className="hub-icon" aria-hidden="true" size={28} strokeWidth={1.75} />
                <span className="hub-name">{t(`hub.sections.${key}.name`)}</span>
                <span className="hub-line">{t(`hub.sections.${key}.line`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </Page>
  );
}
