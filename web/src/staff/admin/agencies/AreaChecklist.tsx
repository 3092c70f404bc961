// The areas an agency covers: every area of the city as a tree of checkboxes, with a filter
// for cities with many wards. Chosen areas stay in view whatever the filter.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AreaSummary } from '../../../../../src/shared/reference-data';
import { localName } from '../../../ui/format';
import { groupDescription } from '../forms';
import { matches } from '../text';

export function AreaChecklist({
  id,
  areas,
  chosen,
  error,
  onToggle,
}: {
  /** Prefix of the group's hint and error ids. */
  id: string;
  areas: readonly AreaSummary[];
  chosen: readonly string[];
  error: string | undefined;
  onToggle: (code: string, on: boolean) => void;
}) {
  const { t } = useTranslation('admin');
  const own = useId();
  const [query, setQuery] = useState('');
  const shown = areas.filter(
    (area) => chosen.includes(area.code) || matches(query, area.code, area.name_vi, area.name_en),
  );
  return (
    <fieldset className={`adm-fieldset${error ? ' has-error' : ''}`} aria-describedby={groupDescription(id, error)}>
      <legend>{t('agencies.areas')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('agencies.areasHint')}
      </p>
      <div className="field">
        <label htmlFor={`${own}-search`}>{t('agencies.areaSearch')}</label>
        <input id={`${own}-search`} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      <p className="muted" aria-live="polite">
        {t('agencies.areasChosen', { count: chosen.length })}
      </p>
      <div className="adm-checks adm-area-checks">
        {shown.map((area) => (
          <div className="check" key={area.code} style={{ paddingInlineStart: `${area.depth * 1.25}rem` }}>
            <input
              id={`${own}-${area.code}`}
              type="checkbox"
              checked={chosen.includes(area.code)}
              onChange={(event) => onToggle(area.code, event.target.checked)}
            />
            <label htmlFor={`${own}-${area.code}`}>
              {localName(area)} <span className="adm-check-note">({area.code})</span>
            </label>
          </div>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
