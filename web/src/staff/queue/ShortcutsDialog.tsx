// The keyboard shortcuts, in a modal dialog opened with ? or the button beside the queue.
// The native dialog keeps focus inside while open, closes on Escape and gives focus back.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const SHORTCUTS: [keys: string[], key: string][] = [
  [['j', '↓'], 'next'],
  [['k', '↑'], 'previous'],
  [['Enter'], 'open'],
  [['/'], 'search'],
  [['?'], 'help'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('queue');
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="sq-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{t('shortcuts.title')}</h2>
      <dl className="sq-shortcuts">
        {SHORTCUTS.map(([keys, key]) => (
          <div key={key}>
            <dt>
              {keys.map((name, index) => (
                <span key={name}>
                  {index > 0 && ` ${t('shortcuts.or')} `}
                  <kbd>{name}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`shortcuts.${key}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('shortcuts.notWhileTyping')}</p>
      <button type="button" className="button primary" onClick={onClose}>
        {t('common:close')}
      </button>
    </dialog>
  );
}
