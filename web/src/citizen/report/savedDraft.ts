// The report being written, kept on the device (IndexedDB, photos included) so that it
// survives a reload, a look at a similar case, or the phone closing the page while the camera
// is open. One draft per person; removed once the report is sent or queued in the outbox.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type Draft, emptyDraft, type StepId } from './draft';

export interface SavedDraft {
  userId: string;
  savedAt: number;
  step: StepId;
  draft: Draft;
}

interface DraftSchema extends DBSchema {
  drafts: { key: string; value: SavedDraft };
}

let opened: Promise<IDBPDatabase<DraftSchema>> | null = null;

function database() {
  opened ??= openDB<DraftSchema>('citypulse-report-drafts', 1, {
    upgrade(db) {
      db.createObjectStore('drafts', { keyPath: 'userId' });
    },
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

/** The person's saved draft, if any (none when IndexedDB is not available). */
export async function loadDraft(userId: string): Promise<SavedDraft | undefined> {
  try {
    const saved = await (await database()).get('drafts', userId);
    // a draft saved by an older version of the app lacks the newer fields
    return saved && { ...saved, draft: { ...emptyDraft, ...saved.draft } };
  } catch {
    return undefined;
  }
}

export async function saveDraft(saved: SavedDraft): Promise<void> {
  await (await database()).put('drafts', saved);
}

export async function forgetDraft(userId: string): Promise<void> {
  await (await database()).delete('drafts', userId);
}

/** Worth keeping: something the citizen would be sorry to type or take again. */
export const hasContent = (draft: Draft) =>
  draft.attachments.length > 0 || draft.description.trim() !== '' || draft.pin !== null || draft.address.trim() !== '';
