// Report a problem, in four steps: photos/video/audio, location, description and category,
// review. The report goes through the device's outbox: sent at once when online, kept and
// sent later (exactly once, by its Idempotency-Key) when not, and its refusal shown next to
// the step that can fix it.
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenCase } from '../../../../src/shared/cases';
import { useCategories } from '../../api/reference';
import { useMe } from '../../api/session';
import { useClientConfig } from '../../map/client-config';
import { Loading, Page } from '../../ui';
import { attributeQuestion, missingAttribute } from '../../ui/attributes';
import { Icon } from '../../ui/icons';
import { reportErrorText } from '../outbox/errorText';
import { OutboxList } from '../outbox/OutboxList';
import { isRefusal, outboxErrorOf, sendReport } from '../outbox/send';
import { flushOutbox, onOutboxEvent, type SendOutcome, sendNow, submitReport } from '../outbox/sender';
import { newIdempotencyKey, type OutboxError, type OutboxItem } from '../outbox/store';
import { useOutbox } from '../outbox/useOutbox';
import { DetailsStep } from './DetailsStep';
import {
  type Draft,
  draftFromOutbox,
  emptyDraft,
  fieldsOf,
  filesOf,
  STEPS,
  type StepId,
  stepOfError,
  type UpdateDraft,
} from './draft';
import { LocationStep } from './LocationStep';
import { MediaStep } from './MediaStep';
import { useAreaLookup } from './queries';
import { QueuedPanel, SentPanel } from './ResultPanels';
import { ReviewStep } from './ReviewStep';
import { StepIndicator } from './StepIndicator';
import { forgetDraft, hasContent, loadDraft, saveDraft } from './savedDraft';

type Submission =
  | { state: 'editing' }
  | { state: 'sending'; progress: number }
  | { state: 'sent'; id: string; report: CitizenCase }
  | { state: 'queued'; id: string; error: OutboxError | null }
  /** Sent without an outbox (IndexedDB refused) and not answered: retried with the same key. */
  | { state: 'unsent'; key: string; error: OutboxError };

export default function ReportPage() {
  const { t } = useTranslation('report');
  const me = useMe();
  const userId = me.data?.id;
  const outbox = useOutbox(userId);
  // asked now, while there is a network, so that the map and the categories work without one
  useClientConfig();
  const categories = useCategories().data;

  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [step, setStep] = useState<StepId>('media');
  const [submission, setSubmission] = useState<Submission>({ state: 'editing' });
  const [stepProblem, setStepProblem] = useState<{ step: StepId; message: string } | null>(null);
  const [refusal, setRefusal] = useState<{ step: StepId; error: OutboxError } | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const area = useAreaLookup(draft.pin);

  // the draft an earlier visit left on this device comes back first
  const [restore, setRestore] = useState<'checking' | 'fresh' | 'restored'>('checking');
  useEffect(() => {
    if (!userId) return;
    let live = true;
    void loadDraft(userId).then((saved) => {
      if (!live) return;
      if (saved && hasContent(saved.draft)) {
        setDraft(saved.draft);
        setStep(saved.step);
        setRestore('restored');
      } else {
        setRestore('fresh');
      }
    });
    return () => {
      live = false;
    };
  }, [userId]);

  // and is kept there as it is written, until it is sent or queued
  useEffect(() => {
    if (!userId || restore === 'checking' || submission.state !== 'editing') return;
    const timer = setTimeout(() => {
      const saving = hasContent(draft) ? saveDraft({ userId, savedAt: Date.now(), step, draft }) : forgetDraft(userId);
      saving.catch(() => undefined); // no IndexedDB: the draft lives as long as the page
    }, 400);
    return () => clearTimeout(timer);
  }, [draft, step, userId, restore, submission.state]);

  const forget = useCallback(() => {
    if (userId) forgetDraft(userId).catch(() => undefined);
  }, [userId]);

  const update: UpdateDraft = useCallback((change) => {
    setDraft((current) => (typeof change === 'function' ? change(current) : { ...current, ...change }));
    setStepProblem(null);
  }, []);

  // whatever an earlier visit left in the outbox goes now
  useEffect(() => {
    void flushOutbox();
  }, []);

  // after a move between steps (not on arrival: the page's heading has the focus then)
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    stepHeading.current?.focus();
  });

  const go = useCallback((to: StepId) => {
    setStep((current) => {
      if (current !== to) moved.current = true; // idempotent: safe if React calls this twice
      return to;
    });
  }, []);

  const refused = useCallback(
    (id: string | null, error: OutboxError) => {
      const at = stepOfError(error);
      setDraft((current) => ({ ...current, replaces: id ?? current.replaces }));
      setRefusal({ step: at, error });
      setSubmission({ state: 'editing' });
      go(at);
    },
    [go],
  );

  const settle = useCallback(
    (outcome: SendOutcome) => {
      if (outcome.kind === 'sent') {
        setSubmission({ state: 'sent', id: outcome.id, report: outcome.report });
        setDraft(emptyDraft);
        forget();
      } else if (outcome.kind === 'failed') {
        refused(outcome.id, outcome.error);
      } else {
        // the outbox has it now; the form keeps it in case the server refuses it later
        setSubmission({ state: 'queued', id: outcome.id, error: outcome.error });
        forget();
      }
    },
    [refused, forget],
  );

  // a report waiting for the network is sent while the page is open: say so here
  useEffect(() => {
    if (submission.state !== 'queued') return;
    const { id } = submission;
    return onOutboxEvent((event) => {
      if (!('id' in event) || event.id !== id) return;
      if (event.type === 'sent') settle({ kind: 'sent', id, report: event.report });
      else if (event.type === 'failed') settle({ kind: 'failed', id, error: event.error });
    });
  }, [submission, settle]);

  const onProgress = (progress: number) => setSubmission({ state: 'sending', progress });

  function problemOf(at: StepId): string | null {
    if (at === 'location') {
      if (!draft.pin) return t('location.required');
      if (area.data && !area.data.inside) return t('location.outsideBlock');
    }
    if (at === 'details' && !draft.description.trim()) return t('details.required');
    if (at === 'details') {
      const missing = missingAttribute(
        categories?.find((c) => c.code === draft.category)?.attributes,
        draft.attributes,
      );
      if (missing) return t('details.attributeRequired', { question: attributeQuestion(missing) });
    }
    return null;
  }

  function next() {
    const problem = problemOf(step);
    if (problem) {
      setStepProblem({ step, message: problem });
      return;
    }
    const following = STEPS[STEPS.indexOf(step) + 1];
    if (following) go(following);
  }

  async function sendDirect(key: string) {
    const fields = fieldsOf(draft);
    if (!fields) return;
    setSubmission({ state: 'sending', progress: 0 });
    try {
      const report = await sendReport({ id: key, fields, files: filesOf(draft) }, onProgress);
      settle({ kind: 'sent', id: key, report });
    } catch (caught) {
      const error = outboxErrorOf(caught);
      if (isRefusal(error)) refused(null, error);
      else setSubmission({ state: 'unsent', key, error });
    }
  }

  async function submit() {
    for (const at of STEPS) {
      const problem = problemOf(at);
      if (problem) {
        setStepProblem({ step: at, message: problem });
        go(at);
        return;
      }
    }
    const fields = fieldsOf(draft);
    if (!fields || !userId) return;
    setRefusal(null);
    setSubmission({ state: 'sending', progress: 0 });
    let outcome: SendOutcome;
    try {
      outcome = await submitReport({ userId, fields, files: filesOf(draft) }, { replaces: draft.replaces, onProgress });
    } catch {
      // no outbox on this device (IndexedDB refused, as in some private modes): send it directly
      await sendDirect(newIdempotencyKey());
      return;
    }
    settle(outcome);
  }

  async function retry(id: string) {
    setSubmission({ state: 'sending', progress: 0 });
    settle(await sendNow(id, onProgress));
  }

  function startOver() {
    forget();
    setRestore('fresh');
    setDraft(emptyDraft);
    setRefusal(null);
    setStepProblem(null);
    setSubmission({ state: 'editing' });
    go('media');
  }

  function edit(item: OutboxItem) {
    const unsaved = draft.description.trim() !== '' || draft.attachments.length > 0;
    if (unsaved && draft.replaces !== item.id && !window.confirm(t('replaceDraft'))) return;
    const at = item.lastError ? stepOfError(item.lastError) : 'review';
    setDraft(draftFromOutbox(item));
    setRefusal(item.lastError ? { step: at, error: item.lastError } : null);
    setStepProblem(null);
    setSubmission({ state: 'editing' });
    go(at);
  }

  if (restore === 'checking') {
    return (
      <Page title={t('title')}>
        <Loading />
      </Page>
    );
  }
  if (submission.state === 'sent') {
    return (
      <Page title={t('title')}>
        <SentPanel report={submission.report} onNew={startOver} />
        <OutboxList outbox={outbox} onEdit={edit} hideId={submission.id} />
      </Page>
    );
  }
  if (submission.state === 'queued') {
    return (
      <Page title={t('title')}>
        <QueuedPanel error={submission.error} onRetry={() => void retry(submission.id)} onNew={startOver} />
        <OutboxList outbox={outbox} onEdit={edit} />
      </Page>
    );
  }

  const sending = submission.state === 'sending';
  const problem = stepProblem?.step === step ? stepProblem.message : null;
  const index = STEPS.indexOf(step);

  return (
    <Page title={t('title')}>
      <OutboxList outbox={outbox} onEdit={edit} hideId={draft.replaces} />
      <div className="report-flow">
        {restore === 'restored' && (
          <div className="notice restored">
            <p>{t('restored')}</p>
            <button type="button" className="button secondary" onClick={startOver}>
              {t('startOver')}
            </button>
          </div>
        )}
        <StepIndicator step={step} headingRef={stepHeading} />
        {refusal && refusal.step === step && (
          <p className="error" role="alert">
            {t('refused')} {reportErrorText(t, refusal.error)}
          </p>
        )}
        {step === 'media' && <MediaStep draft={draft} update={update} />}
        {step === 'location' && <LocationStep draft={draft} update={update} problem={problem} />}
        {step === 'details' && <DetailsStep draft={draft} update={update} problem={problem} />}
        {step === 'review' && (
          <ReviewStep
            draft={draft}
            update={update}
            goTo={go}
            sending={sending}
            progress={submission.state === 'sending' ? submission.progress : 0}
          />
        )}
        {submission.state === 'unsent' && (
          <div className="error" role="alert">
            <p>
              {t('unsent')} {reportErrorText(t, submission.error)}
            </p>
            <button type="button" className="button secondary" onClick={() => void sendDirect(submission.key)}>
              {t('retry')}
            </button>
          </div>
        )}
        <div className="step-nav">
          {index > 0 && (
            <button
              type="button"
              className="button secondary"
              disabled={sending}
              onClick={() => go(STEPS[index - 1] ?? 'media')}
            >
              <Icon of={ArrowLeft} /> {t('back')}
            </button>
          )}
          {step === 'review' ? (
            <button type="button" className="button primary big" disabled={sending} onClick={() => void submit()}>
              {sending ? t('review.sendingButton') : t('review.send')}
            </button>
          ) : (
            <button type="button" className="button primary" onClick={next}>
              {t('next')} <Icon of={ArrowRight} />
            </button>
          )}
        </div>
      </div>
    </Page>
  );
}
