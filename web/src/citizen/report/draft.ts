// The report being written: what each step fills in, kept in the page's state while the
// citizen goes back and forth, and turned into an outbox item when it is sent.
import { type AttributeAnswers, answersToSend } from '../../ui/attributes';
import type { AttachmentKind, OutboxFile, OutboxItem, ReportFields } from '../outbox/store';

export const STEPS = ['media', 'location', 'details', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export interface Attachment {
  /** Local only: keys the previews and the remove buttons. */
  key: string;
  kind: AttachmentKind;
  name: string;
  blob: Blob;
}

export interface Point {
  lat: number;
  lon: number;
}

export interface Draft {
  attachments: Attachment[];
  pin: (Point & { source: 'gps' | 'map' | 'photo' }) | null;
  /** Where the first photo that had one says it was taken (EXIF), offered on the location step. */
  photoPoint: Point | null;
  address: string;
  description: string;
  /** A category code; '' lets the city decide. */
  category: string;
  /** The citizen picked the category: the live suggestion no longer changes it. */
  categoryChosen: boolean;
  /** Answers to the category's attributes; emptied when the category changes. */
  attributes: AttributeAnswers;
  anonymous: boolean;
  /** The refused outbox report this draft was opened from: settled when this one is sent. */
  replaces: string | null;
}

/** A change to the draft: fields to set, or a function of the draft as it is by then. */
export type UpdateDraft = (change: Partial<Draft> | ((current: Draft) => Draft)) => void;

export const emptyDraft: Draft = {
  attachments: [],
  pin: null,
  photoPoint: null,
  address: '',
  description: '',
  category: '',
  categoryChosen: false,
  attributes: {},
  anonymous: false,
  replaces: null,
};

export const MAX_FILES = 10;
export const MAX_DESCRIPTION = 4000;
const MiB = 1024 * 1024;
/** The server's limits (src/modules/media/formats.ts), checked here to say so before uploading. */
export const MAX_BYTES: Record<AttachmentKind, number> = { image: 20 * MiB, video: 100 * MiB, audio: 20 * MiB };

let counter = 0;
export const attachmentKey = () => `a${Date.now().toString(36)}${(counter++).toString(36)}`;

/** What a chosen file is, by its type or, for HEIC photos some browsers leave untyped, its name. */
export function kindOfFile(file: { type: string; name: string }): AttachmentKind | null {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  if (/\.(heic|heif)$/i.test(file.name)) return 'image';
  return null;
}

export function fieldsOf(draft: Draft): ReportFields | null {
  if (!draft.pin) return null;
  const answers = draft.category ? answersToSend(draft.attributes) : null;
  return {
    description: draft.description.trim(),
    lat: draft.pin.lat,
    lon: draft.pin.lon,
    ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
    ...(draft.category ? { category: draft.category } : {}),
    ...(answers ? { attributes: answers } : {}),
    ...(draft.anonymous ? { anonymous: true } : {}),
  };
}

export const filesOf = (draft: Draft): OutboxFile[] =>
  draft.attachments.map(({ kind, name, blob }) => ({ kind, name, blob }));

/** A refused report back in the form, to be corrected. */
export function draftFromOutbox(item: OutboxItem): Draft {
  const { fields } = item;
  return {
    ...emptyDraft,
    attachments: item.files.map((file) => ({ ...file, key: attachmentKey() })),
    pin: { lat: fields.lat, lon: fields.lon, source: 'map' },
    address: fields.address ?? '',
    description: fields.description,
    category: fields.category ?? '',
    categoryChosen: Boolean(fields.category),
    attributes: fields.attributes ?? {},
    anonymous: fields.anonymous ?? false,
    replaces: item.id,
  };
}

/** The server's refusals of the answers to the category's attributes. */
const ATTRIBUTE_CODES = new Set([
  'attribute_required',
  'invalid_attribute',
  'unknown_attribute',
  'attributes_without_category',
]);

const MEDIA_CODES = new Set([
  'file_too_large',
  'unsupported_media_type',
  'corrupt_image',
  'image_dimensions_too_large',
  'too_many_files',
  'unexpected_file',
]);

/** The step where the citizen can fix what the server refused. */
export function stepOfError(error: { status: number; code: string; details?: unknown }): StepId {
  if (MEDIA_CODES.has(error.code) || error.status === 413 || error.status === 415) return 'media';
  if (error.code === 'outside_city') return 'location';
  if (error.code === 'empty_description' || error.code === 'unknown_category') return 'details';
  if (ATTRIBUTE_CODES.has(error.code)) return 'details';
  if (error.code === 'validation_failed' && Array.isArray(error.details)) {
    const paths = error.details.map((d: { path?: unknown }) => String(d?.path ?? ''));
    if (paths.some((p) => /body\.(lat|lon|address)/.test(p))) return 'location';
    if (paths.some((p) => /body\.(description|category|title|attributes)/.test(p))) return 'details';
  }
  return 'review';
}
