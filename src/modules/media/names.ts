// The name a file had on the citizen's phone is kept for staff and named in messages, so it
// is cleaned first: no folders, no control or direction-changing characters, bounded length.

export const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = 'upload';

// C0/C1 controls, and the bidirectional overrides and isolates that make "gpj.exe" read as "exe.jpg"
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/\s+/g, ' ').replace(UNSAFE, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return FALLBACK_NAME;
  // Cut by code points so that a Vietnamese or emoji name is never split mid-character;
  // keep the extension when the stem has to be shortened.
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_NAME_LENGTH).join('');
}
