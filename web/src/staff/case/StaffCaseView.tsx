// The staff view of one case: its facts, what was reported (text, photos, video, audio), the
// suggestion, every action the role may take now, the reporter's contact, possible duplicates
// and the whole timeline. Used by the case page and by the queue's detail pane: it lays itself
// out in one column when narrow, two when there is room (a container query, not the viewport).
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OPEN_STATES, type StaffCase } from '../../../../src/shared/cases';
import { ApiError } from '../../api/client';
import { useCategories } from '../../api/reference';
import { EmptyState, ErrorMessage, Loading } from '../../ui';
import { AttributeAnswers } from '../../ui/AttributeAnswers';
import { useStaff } from '../shell/useStaff';
import { ActionPanel } from './ActionPanel';
import { conflictText, isConflict } from './actionErrors';
import type { SubmitAction } from './actions/types';
import { AGENCY_LISTS_KEY, staffCaseKey, useCaseAction, useStaffCase } from './api';
import { CaseHeader } from './CaseHeader';
import { mayMerge } from './caseActions';
import { DuplicatesSection } from './DuplicatesSection';
import { MediaViewer } from './MediaViewer';
import { ReporterContact } from './ReporterContact';
import { StaffTimeline } from './StaffTimeline';
import { SuggestionBox } from './SuggestionBox';
import { useReferenceNames } from './useReferenceNames';

interface Notice {
  tone: 'success' | 'conflict';
  /** Said in the language of the moment: the reader may switch language while it shows. */
  say: (t: TFunction<'case'>) => string;
}

/** True when the case does not exist or this staff member may not see it (the server says 404 for both). */
export const isMissing = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 400);

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`sc-section ${className ?? ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function reportedMedia(staffCase: StaffCase) {
  // later photos (replies, proof) are shown with their event in the timeline
  const submitted = staffCase.timeline?.find((event) => event.type === 'submitted');
  return submitted ? submitted.media : staffCase.media;
}

function CaseBody({ caseId, onChanged }: { caseId: string; onChanged?: () => void }) {
  const { t } = useTranslation('case');
  const staff = useStaff();
  const names = useReferenceNames();
  const categories = useCategories();
  const client = useQueryClient();
  const query = useStaffCase(caseId);
  const action = useCaseAction(caseId);
  const headingId = useId();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  // the version the person has seen; a form that acts twice (categorize, then assign) needs the
  // version its first step produced before the page has drawn it
  const version = useRef<number | undefined>(undefined);
  const shownVersion = query.data?.version;

  useEffect(() => {
    version.current = shownVersion;
  }, [shownVersion]);

  // the outcome is where attention goes next: the form that acted may just have gone away
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  if (query.isPending) return <Loading label={t('view.loading')} />;
  if (!query.data) {
    return isMissing(query.error) ? (
      <EmptyState title={t('view.notFoundTitle')}>
        <p>{t('view.notFound')}</p>
        <Link to="/staff">{t('view.backToQueue')}</Link>
      </EmptyState>
    ) : (
      <ErrorMessage error={query.error} onRetry={() => query.refetch()} />
    );
  }

  const staffCase = query.data;
  // a reload that failed leaves the case as last seen, said so (an agency that transferred
  // the case away may no longer see it)
  const reloadError = query.isError ? query.error : null;
  const isOperator = staff.role === 'operator' || staff.role === 'admin';
  const isOpen = OPEN_STATES.includes(staffCase.state);

  const submit: SubmitAction = async (name, body) => {
    try {
      const updated = await action.mutateAsync({ action: name, body: { ...body, version: version.current } });
      version.current = updated.version;
      const agency = typeof body.agency === 'string' ? body.agency : null;
      const key = `done.${name}${name === 'transfer' && !agency ? 'ToIoc' : ''}`;
      setNotice({ tone: 'success', say: (say) => say(key, { agency: names.agency(agency) }) });
      void client.invalidateQueries({ queryKey: AGENCY_LISTS_KEY });
      onChanged?.();
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
      await client.invalidateQueries({ queryKey: staffCaseKey(caseId) });
      setNotice({ tone: 'conflict', say: (say) => conflictText(error, say) });
      onChanged?.();
      return false;
    }
  };

  return (
    <article className="sc-case" aria-labelledby={headingId}>
      {notice && (
        <div
          ref={noticeRef}
          tabIndex={-1}
          className={`sc-notice ${notice.tone === 'success' ? 'success' : 'sc-warning'}`}
          role={notice.tone === 'success' ? 'status' : 'alert'}
        >
          <p>{notice.say(t)}</p>
          <button type="button" className="button link" onClick={() => setNotice(null)}>
            {t('view.dismiss')}
          </button>
        </div>
      )}
      {reloadError &&
        (isMissing(reloadError) ? (
          <p className="sc-notice sc-warning" role="alert">
            {t('view.noLongerVisible')}
          </p>
        ) : (
          <ErrorMessage error={reloadError} onRetry={() => query.refetch()} />
        ))}
      <CaseHeader staffCase={staffCase} headingId={headingId} />
      <div className="sc-grid">
        <div className="sc-main">
          <Section title={t('view.description')}>
            <p className="sc-description">{staffCase.description}</p>
          </Section>
          {Object.keys(staffCase.attributes ?? {}).length > 0 && (
            <Section title={t('view.attributes')}>
              <AttributeAnswers
                attributes={categories.data?.find((c) => c.code === staffCase.category)?.attributes}
                answers={staffCase.attributes ?? {}}
                className="sc-attributes"
              />
            </Section>
          )}
          <Section title={t('view.media')}>
            <MediaViewer
              caseId={staffCase.id}
              media={reportedMedia(staffCase)}
              context={t('view.mediaContext', { code: staffCase.code })}
            />
          </Section>
        </div>
        <div className="sc-side">
          <Section title={t('view.actions')} className="card">
            <ActionPanel staffCase={staffCase} submit={submit} role={staff.role} />
          </Section>
          {isOperator && (
            <Section title={t('view.suggestion')} className="card">
              <SuggestionBox suggestion={staffCase.suggestion} />
            </Section>
          )}
          <Section title={t('view.contact')} className="card">
            <ReporterContact staffCase={staffCase} />
          </Section>
          {isOpen && (
            <Section title={t('view.duplicates')} className="card">
              <DuplicatesSection
                staffCase={staffCase}
                canMerge={mayMerge(staff.role, staffCase.state)}
                submit={submit}
              />
            </Section>
          )}
        </div>
        <div className="sc-history">
          <Section title={t('view.timeline')}>
            <p className="hint">{t('view.timelineHint')}</p>
            <StaffTimeline caseId={staffCase.id} events={staffCase.timeline ?? []} />
          </Section>
        </div>
      </div>
    </article>
  );
}

export function StaffCaseView({ caseId, onChanged }: { caseId: string; onChanged?: () => void }) {
  // a new case is a new view: no notice, version or open form carried over from the last one
  return <CaseBody key={caseId} caseId={caseId} onChanged={onChanged} />;
}
