// The folded copy of a text that redaction matches on, with the way back to the text as
// written: each code point is folded on its own (NFKC, format and other invisible characters
// dropped, digits of any script made ASCII, diacritics dropped, đ as d, lower case), and every
// unit of the copy remembers which stretch of the written text it came from.

const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const DIGIT = /\p{Nd}/u;
const MARKS = /\p{M}/gu;

/** The value of a decimal digit of any script: digits come in runs of ten from zero. */
function digitValue(char: string): number {
  const codePoint = char.codePointAt(0) as number;
  let below = 0;
  while (DIGIT.test(String.fromCodePoint(codePoint - below - 1))) below += 1;
  return below % 10;
}

const folded = new Map<string, string>();

/** One code point as redaction reads it: '' for an invisible one. */
export function foldCodePoint(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII: only the case changes
  if (code < 0x80 && char.length === 1) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let result = folded.get(char);
  if (result === undefined) {
    if (INVISIBLE.test(char)) result = '';
    else {
      result = char
        .normalize('NFKC')
        .replace(/\p{Nd}/gu, (digit) => (digit >= '0' && digit <= '9' ? digit : String(digitValue(digit))))
        .toLowerCase()
        .normalize('NFD')
        .replace(MARKS, '')
        .replace(/đ/g, 'd');
    }
    // bounded: a text of rare characters must not grow the map without end
    if (folded.size > 20_000) folded.clear();
    folded.set(char, result);
  }
  return result;
}

export interface FoldedView {
  /** The text as written (NFC), which masks are applied to. */
  original: string;
  /** What the patterns are matched against. */
  text: string;
  /** Per unit of text: where the code point it came from starts and ends in original; null: the same place. */
  from: Int32Array | null;
  to: Int32Array | null;
}

const PLAIN = /^[\x20-\x40\x5b-\x7e]*$/; // printable ASCII without capitals: folds to itself

export function foldedView(text: string): FoldedView {
  const original = text.normalize('NFC');
  if (PLAIN.test(original)) return { original, text: original, from: null, to: null };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of original) {
    const piece = foldCodePoint(char);
    out += piece;
    for (let unit = 0; unit < piece.length; unit += 1) {
      from.push(index);
      to.push(index + char.length);
    }
    index += char.length;
  }
  return { original, text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** The stretch of the written text that units [start, end) of the folded one came from. */
export function originalSpan(view: FoldedView, start: number, end: number): [number, number] {
  if (!view.from || !view.to) return [start, end];
  return [view.from[start] as number, view.to[end - 1] as number];
}
