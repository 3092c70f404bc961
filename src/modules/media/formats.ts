// What citizens may attach to a report: the accepted formats, decided by the bytes, and the
// size limit of each kind. One table here; detection, limits and docs all follow from it.

export type MediaKind = 'image' | 'video' | 'audio';
export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'audio'];

const MiB = 1024 * 1024;

/** Largest accepted file of each kind, in bytes. */
export const MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 20 * MiB,
  video: 100 * MiB,
  audio: 20 * MiB,
};
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MAX_BYTES));
export const MAX_FILES_PER_REPORT = 10;

/**
 * Limits for @fastify/multipart in the route that takes the files. The per-kind limit is
 * enforced by receiveUpload while streaming; busboy's own limit is one byte above the
 * largest so that ours, with its clearer message, is the one that fires.
 */
export const MEDIA_MULTIPART_LIMITS = {
  files: MAX_FILES_PER_REPORT,
  fileSize: MAX_UPLOAD_BYTES + 1,
  fields: 50,
  fieldSize: 64 * 1024,
  parts: MAX_FILES_PER_REPORT + 50,
  headerPairs: 200,
} as const;

/** An accepted format: the kind it belongs to and the content type it is stored and served with. */
export interface MediaFormat {
  kind: MediaKind;
  mime: string;
  /** For people: the name in messages and docs. */
  label: string;
}

/**
 * Keyed by file-type's extension (its verdict on the bytes). HEIC/HEIF is accepted here and
 * refused later if this sharp build cannot decode it; WebM is refined into audio or video by
 * its track list (see webm.ts).
 */
export const FORMATS: Readonly<Record<string, MediaFormat>> = {
  jpg: { kind: 'image', mime: 'image/jpeg', label: 'JPEG' },
  png: { kind: 'image', mime: 'image/png', label: 'PNG' },
  webp: { kind: 'image', mime: 'image/webp', label: 'WebP' },
  heic: { kind: 'image', mime: 'image/heic', label: 'HEIC' },
  mp4: { kind: 'video', mime: 'video/mp4', label: 'MP4' },
  mov: { kind: 'video', mime: 'video/quicktime', label: 'QuickTime' },
  webm: { kind: 'video', mime: 'video/webm', label: 'WebM' },
  m4a: { kind: 'audio', mime: 'audio/mp4', label: 'M4A' },
  aac: { kind: 'audio', mime: 'audio/aac', label: 'AAC' },
  mp3: { kind: 'audio', mime: 'audio/mpeg', label: 'MP3' },
  ogg: { kind: 'audio', mime: 'audio/ogg', label: 'Ogg Vorbis' },
  opus: { kind: 'audio', mime: 'audio/ogg', label: 'Ogg Opus' },
};

/** "JPEG, PNG, WebP, HEIC photos; MP4, ... video; ... audio" for error messages. */
export function describeAcceptedFormats(): string {
  return MEDIA_KINDS.map((kind) => {
    const labels = Object.values(FORMATS)
      .filter((format) => format.kind === kind)
      .map((format) => format.label);
    const noun = kind === 'image' ? 'photos' : kind;
    return `${[...new Set(labels)].join(', ')} ${noun} up to ${MAX_BYTES[kind] / MiB} MB`;
  }).join('; ');
}
