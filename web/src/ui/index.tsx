// Small building blocks every screen uses, so that loading, empty and error states look and
// sound the same everywhere (screen readers included).
import type { LucideIcon } from 'lucide-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errorText';
import { formatDateTime } from './format';
import { Icon } from './icons';

/** A screen: its heading takes focus on arrival so screen readers announce the new page. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CityPulse`;
    heading.current?.focus();
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}

/**
 * A list's rows on their way: grey rows in the list's place (the page does not jump when they
 * come), and the words for screen readers. Keeps the `loading` class the tests wait on.
 */
export function SkeletonRows({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <div className="loading loading-skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows, never reordered
        <span key={index} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

export function EmptyState({ title, icon, children }: { title: string; icon?: LucideIcon; children?: ReactNode }) {
  return (
    <div className="empty">
      {icon && (
        <span className="empty-icon">
          <Icon of={icon} size="2.5rem" />
        </span>
      )}
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** An error in words the person can act on, with a retry when one makes sense. */
export function ErrorMessage({ error, onRetry, text }: { error: unknown; onRetry?: () => void; text?: string }) {
  const { t } = useTranslation();
  const message = text ?? errorText(error);
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A labelled form control with its hint and error tied to it for assistive technology. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Attributes that tie an input to its Field's hint and error. */
export function describedBy(id: string, hint?: string, error?: string | null) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={label} />
      <span>{percent} %</span>
    </div>
  );
}

/** Said above a list shown offline: from the copy saved at `savedAt`, or nothing saved yet. */
export function OfflineNote({ savedAt }: { savedAt?: number }) {
  const { t } = useTranslation();
  return (
    <p className="offline-note" role="status">
      {savedAt
        ? t('offline.saved', { when: formatDateTime(new Date(savedAt).toISOString()) })
        : t('offline.nothingSaved')}
    </p>
  );
}
