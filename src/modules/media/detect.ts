// Decides what a file is from its first bytes (magic numbers, via file-type), never from its
// name or the content type the client declared; the one exception is a container that holds
// either audio or video and whose bytes in view do not say which (see detectFormat).
import { fileTypeFromBuffer } from 'file-type';
import { FORMATS, type MediaFormat } from './formats.js';
import { webmTrackKind } from './webm.js';

/** How many leading bytes are read before deciding: enough for headers and WebM track lists. */
export const SNIFF_BYTES = 64 * 1024;

/** An MP3's ID3 tag (cover art and all) comes first; past this, the guess from the tag alone stands. */
const MAX_ID3_SNIFF_BYTES = 1024 * 1024;

/**
 * How many leading bytes detection wants, given those seen so far: an ID3 tag larger than
 * the usual window is read through so that the audio frame after it is what is checked.
 */
export function sniffBytesWanted(head: Uint8Array): number {
  if (head.length >= 10 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) {
    // ID3v2 size: four 7-bit bytes, then the 10-byte header itself and the frame after it
    const size = head.subarray(6, 10).reduce((total, byte) => total * 128 + (byte & 0x7f), 0);
    return Math.min(Math.max(SNIFF_BYTES, 10 + size + 4096), MAX_ID3_SNIFF_BYTES);
  }
  return SNIFF_BYTES;
}

export interface DetectedFormat extends MediaFormat {
  /** What file-type read in the bytes, for error details. */
  detected: string;
}

/**
 * The accepted format of a file whose first bytes are `head`, or null with what was seen
 * (or undefined when nothing was recognised).
 *
 * WebM is video unless its track list shows only audio tracks; generic MP4 (no M4A brand) is
 * video. When those bytes cannot tell (a track list beyond the first bytes, an MP4 whose
 * brand is not specific) and the client declared an audio/* type, the file is taken as
 * audio: that only ever applies the smaller audio limit, so the declaration cannot be used
 * to get anything past a check.
 */
export async function detectFormat(
  head: Uint8Array,
  declaredType: string | undefined,
): Promise<{ format: DetectedFormat } | { format: null; detected: string | undefined }> {
  const result = await fileTypeFromBuffer(head);
  if (!result) return { format: null, detected: undefined };
  const format = FORMATS[result.ext];
  if (!format) return { format: null, detected: result.mime };
  const declaredAudio = declaredType?.toLowerCase().startsWith('audio/') ?? false;

  if (result.ext === 'webm') {
    const kind = webmTrackKind(head) ?? (declaredAudio ? 'audio' : 'video');
    const mime = kind === 'audio' ? 'audio/webm' : 'video/webm';
    return { format: { kind, mime, label: 'WebM', detected: result.mime } };
  }
  if (result.ext === 'mp4' && declaredAudio) {
    return { format: { kind: 'audio', mime: 'audio/mp4', label: 'MP4 audio', detected: result.mime } };
  }
  if (result.ext === 'heic') {
    // image/heic, image/heif or a sequence (burst, live photo): kept as file-type named it
    return { format: { ...format, mime: result.mime, detected: result.mime } };
  }
  return { format: { ...format, detected: result.mime } };
}
