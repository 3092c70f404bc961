// Whether the screen is receiving changes live, in words and a symbol, and the polite
// announcement of new reports for screen readers ("1 phản ánh mới"), also shown on screen.
import { LoaderCircle, Radio, WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { LiveQueue } from './useLiveQueue';

const SYMBOLS = { live: Radio, connecting: LoaderCircle, offline: WifiOff } as const;

export function LiveStatus({ live }: { live: LiveQueue }) {
  const { t } = useTranslation('queue');
  return (
    <div className="sq-live">
      <span className={`sq-live-state sq-live-${live.state}`}>
        <Icon of={SYMBOLS[live.state]} /> <span>{t(`live.${live.state}`)}</span>
      </span>
      <p className="sq-announce" role="status">
        {live.announcement}
      </p>
    </div>
  );
}
