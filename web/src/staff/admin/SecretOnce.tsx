// A secret the server shows once (a temporary password, an API key): in plain sight, with a
// copy button and the warning that it cannot be shown again. It takes focus so that a screen
// reader reads it at once.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function SecretOnce({
  title,
  label,
  secret,
  warning,
  onDone,
}: {
  title: string;
  label: string;
  secret: string;
  warning: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const id = useId();
  const box = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (insecure context): the secret is still on screen to copy by hand
    }
  };
  return (
    <section className="success adm-secret" ref={box} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="adm-secret-label" id={`${id}-label`}>
        {label}
      </p>
      <output className="adm-secret-value" aria-labelledby={`${id}-label`}>
        {secret}
      </output>
      <p>
        <strong>{warning}</strong>
      </p>
      <div className="row">
        <button type="button" className="button secondary" onClick={copy}>
          {t('secret.copy')}
        </button>
        <span role="status">{copied ? t('secret.copied') : ''}</span>
        <button type="button" className="button primary" onClick={onDone}>
          {t('secret.done')}
        </button>
      </div>
    </section>
  );
}
