// A figure that may be missing: a rate or median with no case behind it (staff), or with too
// few for the public to see without telling about one person. It reads "—" and says why.
import { useTranslation } from 'react-i18next';
import { PUBLIC_MIN_COUNT } from '../../../src/shared/dashboard';
import { useDashboardContext } from './context';

/** Why a figure is "—", in words for this audience. */
export function useMissingReason(): string {
  const { t } = useTranslation('dashboard');
  const { audience } = useDashboardContext();
  return audience === 'public' ? t('missing.public', { count: PUBLIC_MIN_COUNT }) : t('missing.staff');
}

/** In a table cell: "—" for the eye, the reason for screen readers (the table's note says it too). */
export function FigureText({ value, format }: { value: number | null | undefined; format: (value: number) => string }) {
  const reason = useMissingReason();
  if (value === null || value === undefined) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{reason}</span>
      </>
    );
  }
  return <>{format(value)}</>;
}

/** The note under a table that has "—" in it. */
export function MissingNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation('dashboard');
  const reason = useMissingReason();
  if (!shown) return null;
  return <p className="db-note">{t('missing.note', { reason })}</p>;
}
