// WebM is one container for both voice notes and video clips (browsers record both as
// WebM). Its track list, which recorders write before the first cluster, says which: this
// reads the EBML elements of the first bytes just far enough to find the track types.

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CLUSTER = 0x1f43b675;

const TRACK_TYPE_VIDEO = 1;
const TRACK_TYPE_AUDIO = 2;

interface Element {
  id: number;
  /** Where the payload starts. */
  start: number;
  /** Payload length; undefined for "unknown size" (live recordings write that for the segment). */
  size: number | undefined;
}

/** An EBML variable-length integer: the count of leading zero bits of the first byte gives its length. */
function readVint(bytes: Uint8Array, pos: number, keepMarker: boolean): { value: number; length: number } | null {
  const first = bytes[pos];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // clz32 counts 24 zeros above the byte itself
  if (pos + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[pos + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

function readElement(bytes: Uint8Array, pos: number): Element | null {
  const id = readVint(bytes, pos, true);
  if (!id) return null;
  const size = readVint(bytes, pos + id.length, false);
  if (!size) return null;
  return {
    id: id.value,
    start: pos + id.length + size.length,
    size: size.value < 0 || size.value > Number.MAX_SAFE_INTEGER ? undefined : size.value,
  };
}

function readUint(bytes: Uint8Array, element: Element): number | null {
  if (element.size === undefined || element.size > 6 || element.start + element.size > bytes.length) return null;
  let value = 0;
  for (let i = 0; i < element.size; i++) value = value * 256 + (bytes[element.start + i] as number);
  return value;
}

/** The types of the tracks listed in a Tracks element, and whether the whole list was in view. */
function readTrackTypes(bytes: Uint8Array, tracks: Element): { types: number[]; complete: boolean } {
  const end = tracks.size === undefined ? bytes.length : tracks.start + tracks.size;
  const types: number[] = [];
  let pos = tracks.start;
  while (pos < Math.min(end, bytes.length)) {
    const entry = readElement(bytes, pos);
    if (!entry || entry.size === undefined) return { types, complete: false };
    if (entry.id === TRACK_ENTRY) {
      let inner = entry.start;
      const entryEnd = Math.min(entry.start + entry.size, bytes.length);
      while (inner < entryEnd) {
        const field = readElement(bytes, inner);
        if (!field || field.size === undefined) break;
        if (field.id === TRACK_TYPE) {
          const type = readUint(bytes, field);
          if (type !== null) types.push(type);
        }
        inner = field.start + field.size;
      }
    }
    pos = entry.start + entry.size;
  }
  return { types, complete: tracks.size !== undefined && end <= bytes.length };
}

/**
 * 'video' when a video track is listed, 'audio' when only audio tracks are, null when the
 * first bytes do not show a complete track list (then the caller falls back).
 */
export function webmTrackKind(bytes: Uint8Array): 'video' | 'audio' | null {
  const header = readElement(bytes, 0);
  if (!header || header.id !== EBML_HEADER || header.size === undefined) return null;
  const segment = readElement(bytes, header.start + header.size);
  if (!segment || segment.id !== SEGMENT) return null;

  let pos = segment.start;
  while (pos < bytes.length) {
    const element = readElement(bytes, pos);
    if (!element || element.id === CLUSTER) return null;
    if (element.id === TRACKS) {
      const { types, complete } = readTrackTypes(bytes, element);
      if (types.includes(TRACK_TYPE_VIDEO)) return 'video';
      if (complete && types.length > 0 && types.every((type) => type === TRACK_TYPE_AUDIO)) return 'audio';
      return null;
    }
    if (element.size === undefined) return null;
    pos = element.start + element.size;
  }
  return null;
}
