// Whether the screen is receiving changes live, in words and a symbol, and the polite
// announcement of new reports for screen readers ("1 phản ánh mới"), also shown on screen.
import { useTranslation } from 'react-i18next';
import type { LiveQueue } from './useLiveQueue';

const SYMBOLS = { live: '●', connecting: '…', offline: '⚠' } as const;

export function LiveStatus({ live }: { live: LiveQueue }) {
  const { t } = useTranslation('queue');
  return (
    <div className="sq-live">
      <span className={`sq-live-state sq-live-${live.state}`}>
        <span aria-hidden="true">{SYMBOLS[live.state]}</span> <span>{t(`live.${live.state}`)}</span>
      </span>
      <p className="sq-announce" role="status">
        {live.announcement}
      </p>
    </div>
  );
}
