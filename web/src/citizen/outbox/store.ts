// The device's outbox: reports kept in IndexedDB, files and all, until the server has
// answered 2xx. Each carries the Idempotency-Key made when it was queued, so that sending it
// again after a lost answer never makes a second case.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export type AttachmentKind = 'image' | 'video' | 'audio';

export interface OutboxFile {
  name: string;
  kind: AttachmentKind;
  blob: Blob;
}

/** The report's fields, as POST /reports takes them. */
export interface ReportFields {
  description: string;
  lat: number;
  lon: number;
  address?: string;
  category?: string;
  anonymous?: boolean;
  /** Answers to the category's attributes, by attribute code. */
  attributes?: Record<string, string | string[]>;
}

export interface OutboxError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface OutboxItem {
  /** The Idempotency-Key: made once, when the report is queued, and sent with every try. */
  id: string;
  /** Whose report: it is sent only while that person is signed in on this device. */
  userId: string;
  queuedAt: number;
  fields: ReportFields;
  files: OutboxFile[];
  /** waiting: to be sent (again); failed: the server refused it (4xx), the citizen decides. */
  status: 'waiting' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  /** For a waiting item the last transient failure, for a failed one the refusal. */
  lastError: OutboxError | null;
}

interface OutboxSchema extends DBSchema {
  reports: { key: string; value: OutboxItem; indexes: { byQueuedAt: number } };
}

const DB_NAME = 'citypulse-outbox';
let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database(): Promise<IDBPDatabase<OutboxSchema>> {
  opened ??= openDB<OutboxSchema>(DB_NAME, 1, {
    upgrade(db) {
      const reports = db.createObjectStore('reports', { keyPath: 'id' });
      reports.createIndex('byQueuedAt', 'queuedAt');
    },
  }).catch((error: unknown) => {
    opened = null; // private modes may refuse IndexedDB: let the next call try again
    throw error;
  });
  return opened;
}

/** Oldest first: reports are sent in the order they were written. */
export async function listOutbox(): Promise<OutboxItem[]> {
  return (await database()).getAllFromIndex('reports', 'byQueuedAt');
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  return (await database()).get('reports', id);
}

export async function putOutboxItem(item: OutboxItem): Promise<void> {
  await (await database()).put('reports', item);
}

/** Changes an item in one transaction; nothing happens when it is gone (sent or discarded). */
export async function updateOutboxItem(
  id: string,
  change: (item: OutboxItem) => OutboxItem,
): Promise<OutboxItem | undefined> {
  const tx = (await database()).transaction('reports', 'readwrite');
  const item = await tx.store.get(id);
  const changed = item ? change(item) : undefined;
  if (changed) await tx.store.put(changed);
  await tx.done;
  return changed;
}

export async function deleteOutboxItem(id: string): Promise<void> {
  await (await database()).delete('reports', id);
}

/** A new Idempotency-Key (8 to 100 of [A-Za-z0-9_.:-], as the server wants). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
