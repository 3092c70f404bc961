// An audio note recorded in the page (MediaRecorder). It starts when it is opened, shows the
// time, stops at the citizen's tap or after MAX_SECONDS, and hands the recording over. When
// the browser cannot record, or the microphone is refused, it says so in words.
import { Square } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';

const MAX_SECONDS = 180;
// In the order to prefer: Chromium and Firefox record WebM or Ogg Opus, Safari MP4 (AAC).
const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

function pickType(): string | undefined {
  return TYPES.find((type) => MediaRecorder.isTypeSupported?.(type));
}

function fileNameFor(type: string): string {
  if (type.includes('mp4') || type.includes('aac')) return 'ghi-am.m4a';
  if (type.includes('ogg')) return 'ghi-am.ogg';
  return 'ghi-am.webm';
}

function problemKey(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'recorder.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'recorder.noMicrophone';
  if (name === 'NotReadableError' || name === 'AbortError') return 'recorder.busy';
  return 'recorder.failed';
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export default function AudioRecorder({
  onRecorded,
  onClose,
}: {
  onRecorded: (blob: Blob, name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('report');
  const [state, setState] = useState<'starting' | 'recording'>('starting');
  const [problem, setProblem] = useState<string | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const done = useRef(onRecorded);
  done.current = onRecorded;

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    let tick: ReturnType<typeof setInterval> | undefined;
    const release = () => {
      clearInterval(tick);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    (async () => {
      if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
        setProblem('recorder.unsupported');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (error) {
        if (!cancelled) setProblem(problemKey(error));
        return;
      }
      if (cancelled) {
        release();
        return;
      }
      const type = pickType();
      const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      const chunks: Blob[] = [];
      rec.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      rec.onstop = () => {
        release();
        if (cancelled || chunks.length === 0) return;
        const blobType = (rec.mimeType || type || 'audio/webm').split(';')[0] ?? 'audio/webm';
        done.current(new Blob(chunks, { type: blobType }), fileNameFor(blobType));
      };
      rec.start(1000);
      recorder.current = rec;
      const startedAt = Date.now();
      tick = setInterval(() => {
        const seconds = Math.floor((Date.now() - startedAt) / 1000);
        setElapsed(seconds);
        if (seconds >= MAX_SECONDS && rec.state === 'recording') rec.stop();
      }, 250);
      setState('recording');
    })();
    return () => {
      // closed or left mid-recording: nothing is kept
      cancelled = true;
      if (recorder.current?.state === 'recording') recorder.current.stop();
      recorder.current = null;
      release();
    };
  }, []);

  useEffect(() => {
    if (state === 'recording') stopButton.current?.focus();
  }, [state]);

  if (problem) {
    return (
      <div className="error recorder" role="alert">
        <p>{t(problem)}</p>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('recorder.close')}
        </button>
      </div>
    );
  }

  return (
    <div className="card recorder">
      {state === 'starting' ? (
        <p role="status">{t('recorder.starting')}</p>
      ) : (
        <>
          <p className="recording-now">
            <span className="rec-dot" aria-hidden="true" /> <span role="status">{t('recorder.recording')}</span>{' '}
            {/* a timer is not read out as it changes; its label says what the numbers are */}
            <span role="timer" aria-label={t('recorder.elapsed', { time: clock(elapsed), max: clock(MAX_SECONDS) })}>
              {clock(elapsed)} / {clock(MAX_SECONDS)}
            </span>
          </p>
          <div className="row">
            <button
              ref={stopButton}
              type="button"
              className="button primary"
              onClick={() => recorder.current?.state === 'recording' && recorder.current.stop()}
            >
              <Icon of={Square} /> {t('recorder.stop')}
            </button>
            <button type="button" className="button link" onClick={onClose}>
              {t('recorder.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
