// Text normalisation for the triage model. Residents write Vietnamese with and without
// diacritics, with chat abbreviations ("ko", "dc", "ng"), and English; the same report must
// look alike to the model in all those spellings. Two streams come out of here:
//   - the accented stream: NFC, lower case; keeps "cháy" (fire) apart from "chạy" (run);
//   - the folded stream: diacritics removed (đ -> d), abbreviations expanded, digits collapsed;
//     "cháy", "chay" and "CHÁY" all become "chay" there.

/** Unicode NFC and lower case: the accented stream. NFD and NFC input give the same result. */
export function canonical(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Removes diacritics (tones and vowel marks) and maps đ/Đ to d. Returns NFC text. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFC');
}

// Letters that only Vietnamese (among our languages) writes.
const VIETNAMESE_MARKS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/;

/** True when the text carries Vietnamese diacritics (after NFC, case-insensitively). */
export function hasVietnameseDiacritics(text: string): boolean {
  return VIETNAMESE_MARKS.test(canonical(text));
}

/** Words: runs of letters and digits (apostrophes inside English words are dropped). */
export function tokenize(text: string): string[] {
  return text.replace(/(\p{L})['’](\p{L})/gu, '$1$2').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Chat and SMS abbreviations of Vietnamese, in folded form, with what they stand for. Only
 * unambiguous ones: "hong" is left alone (it is "hỏng", broken, as often as "không"), and so is
 * "a" (anh, or the polite "ạ").
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  k: 'khong',
  ko: 'khong',
  kg: 'khong',
  kh: 'khong',
  khg: 'khong',
  hok: 'khong',
  dc: 'duoc',
  dk: 'duoc',
  dx: 'duoc',
  ng: 'nguoi',
  ngta: 'nguoi ta',
  mn: 'moi nguoi',
  mng: 'moi nguoi',
  j: 'gi',
  gj: 'gi',
  bik: 'biet',
  bit: 'biet',
  bjt: 'biet',
  r: 'roi',
  rui: 'roi',
  oy: 'roi',
  cx: 'cung',
  cg: 'cung',
  vs: 'voi',
  lm: 'lam',
  ns: 'noi',
  bn: 'bao nhieu',
  bh: 'bao gio',
  h: 'gio',
  tg: 'thoi gian',
  trc: 'truoc',
  ntn: 'nhu the nao',
  dt: 'dien thoai',
  sdt: 'so dien thoai',
  wa: 'qua',
  qa: 'qua',
  ik: 'di',
  mk: 'minh',
  mik: 'minh',
  dg: 'duong',
  tp: 'thanh pho',
  ubnd: 'uy ban nhan dan',
  csgt: 'canh sat giao thong',
  pccc: 'phong chay chua chay',
  vsmt: 've sinh moi truong',
  atgt: 'an toan giao thong',
  attp: 'an toan thuc pham',
  e: 'em',
  bt: 'binh thuong',
  nt: 'nhan tin',
  ms: 'moi',
  nhiu: 'nhieu',
  lun: 'luon',
  thui: 'thoi',
  hix: 'hic',
};

/**
 * Expands abbreviations in a list of folded, lower-case tokens. An English-looking message
 * (the caller tells) is left as it is: there "bit" is a word and "dc" a city.
 */
export function expandAbbreviations(tokens: readonly string[], english = false): string[] {
  if (english) return [...tokens];
  const out: string[] = [];
  for (const token of tokens) {
    const expansion = ABBREVIATIONS[token];
    if (expansion === undefined) {
      out.push(token);
    } else {
      for (const part of expansion.split(' ')) out.push(part);
    }
  }
  return out;
}

// Frequent English function words: enough to tell an English report from unaccented Vietnamese.
const ENGLISH_WORDS = new Set(
  'the a an is are was were there this that of in on at to for and or but not no with from by my our we i it its has have been be can could please near very since every all some they their street road'.split(
    ' ',
  ),
);
// Frequent unaccented Vietnamese syllables.
const VIETNAMESE_WORDS = new Set(
  'khong co duoc nguoi nha duong o la da dang bi roi qua cua cho va thi ma nay nuoc xe cay den rac kiet phuong em anh toi minh lam mot hai ba bao nhieu gi sao vay a oi nhe di ve tren duoi truoc sau ngay dem toi sang chieu mua'.split(
    ' ',
  ),
);

/** A guess of the language: 'vi' when diacritics or Vietnamese syllables dominate, else 'en'. */
export function guessLanguage(text: string): 'vi' | 'en' {
  if (hasVietnameseDiacritics(text)) return 'vi';
  const tokens = tokenize(canonical(text));
  let en = 0;
  let vi = 0;
  for (const token of tokens) {
    if (ENGLISH_WORDS.has(token)) en++;
    if (VIETNAMESE_WORDS.has(token) || ABBREVIATIONS[token] !== undefined) vi++;
  }
  return vi > en ? 'vi' : 'en';
}

/** Everything the feature extractor needs from one text. */
export interface NormalizedText {
  /** NFC, lower case, whitespace collapsed. */
  readonly accented: string;
  /** Tokens of the accented stream. */
  readonly accentedTokens: readonly string[];
  /** Folded tokens with abbreviations expanded and digit runs collapsed to "0". */
  readonly foldedTokens: readonly string[];
  /** The folded tokens joined by single spaces. */
  readonly folded: string;
  /** Whether the text was written with Vietnamese diacritics. */
  readonly diacritics: boolean;
  readonly language: 'vi' | 'en';
}

// Intake classifies a report's text and then checks it for abuse: the second asks for the
// same normalisation right after the first, which this one remembered result spares.
let last: { text: string; normalized: NormalizedText } | null = null;

export function normalizeText(text: string): NormalizedText {
  if (last?.text === text) return last.normalized;
  const normalized = normalizeUncached(text);
  last = { text, normalized };
  return normalized;
}

function normalizeUncached(text: string): NormalizedText {
  const accented = canonical(text).replace(/\s+/g, ' ').trim();
  const accentedTokens = tokenize(accented);
  const language = guessLanguage(accented);
  const foldedRaw = tokenize(foldDiacritics(accented)).map((t) => t.replace(/\d+/g, '0'));
  const foldedTokens = expandAbbreviations(foldedRaw, language === 'en');
  return {
    accented,
    accentedTokens,
    foldedTokens,
    folded: foldedTokens.join(' '),
    diacritics: hasVietnameseDiacritics(accented),
    language,
  };
}
