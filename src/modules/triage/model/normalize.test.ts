import { describe, expect, it } from 'vitest';
import { Lexicon } from './lexicon.js';
import {
  canonical,
  expandAbbreviations,
  foldDiacritics,
  guessLanguage,
  hasVietnameseDiacritics,
  normalizeText,
  tokenize,
} from './normalize.js';

describe('normalisation', () => {
  it('folds every Vietnamese tone and vowel mark, and đ/Đ to d', () => {
    expect(foldDiacritics('Đường Hùng Vương ngập sâu')).toBe('Duong Hung Vuong ngap sau');
    expect(foldDiacritics('àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị')).toBe('aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii');
    expect(foldDiacritics('òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đĐ')).toBe(
      'ooooo oooooo oooooo uuuuu uuuuuu yyyyy dD',
    );
  });

  it('treats NFC and NFD input alike', () => {
    const nfc = 'Cháy nhà ở kiệt 5 Điện Biên Phủ, khói đen!'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normalizeText(nfd)).toEqual(normalizeText(nfc));
    expect(canonical(nfd)).toBe(canonical(nfc));
    expect(hasVietnameseDiacritics(nfd)).toBe(true);
  });

  it('lower-cases and keeps accents in the accented stream only', () => {
    const n = normalizeText('CÂY ĐỔ   ngang đường');
    expect(n.accented).toBe('cây đổ ngang đường');
    expect(n.accentedTokens).toEqual(['cây', 'đổ', 'ngang', 'đường']);
    expect(n.foldedTokens).toEqual(['cay', 'do', 'ngang', 'duong']);
    expect(n.diacritics).toBe(true);
  });

  it('gives the same folded stream to a text with and without diacritics', () => {
    expect(normalizeText('Mất nước từ sáng, không có nước').folded).toBe(
      normalizeText('mat nuoc tu sang, ko co nuoc').folded,
    );
  });

  it('expands chat abbreviations of Vietnamese', () => {
    expect(normalizeText('ko ai lm j ca, dc 3 ngay r').foldedTokens).toEqual(
      'khong ai lam gi ca duoc 0 ngay roi'.split(' '),
    );
    expect(normalizeText('mn oi, ng ta do rac bua bai, bik ko').folded).toBe(
      'moi nguoi oi nguoi ta do rac bua bai biet khong',
    );
    expect(expandAbbreviations(['k', 'bit', 'vs'])).toEqual(['khong', 'biet', 'voi']);
  });

  it('leaves English alone ("bit" is a word, "DC" a city)', () => {
    const n = normalizeText('The dog bit me near the DC office');
    expect(n.language).toBe('en');
    expect(n.foldedTokens).toContain('bit');
    expect(n.foldedTokens).toContain('dc');
  });

  it('keeps "hong" (hỏng, broken) as it is', () => {
    expect(normalizeText('den duong hong r').foldedTokens).toEqual(['den', 'duong', 'hong', 'roi']);
  });

  it('guesses the language', () => {
    expect(guessLanguage('Streetlight out in front of 1455 Grove St.')).toBe('en');
    expect(guessLanguage('den duong kiet 14 hu 2 tuan r, toi thui')).toBe('vi');
    expect(guessLanguage('Đèn đường hỏng')).toBe('vi');
  });

  it('tokenises on letters and digits, joining English contractions', () => {
    expect(tokenize("can't see, it's dark: 3/2 park")).toEqual(['cant', 'see', 'its', 'dark', '3', '2', 'park']);
  });
});

describe('lexicon matching', () => {
  const lexicon = new Lexicon({
    concepts: [
      { id: 'fire', category: 'fire_rescue', terms: ['=cháy', 'đám cháy', 'fire'] },
      { id: 'pothole', category: 'road_damage', terms: ['ổ gà', 'pothole*'] },
    ],
    cues: [{ id: 'fire_now', level: 'urgent', rule: true, terms: ['=cháy', 'on fire'], unless: ['chữa cháy'] }],
  });
  const match = (text: string) => {
    const n = normalizeText(text);
    const m = lexicon.match(n.accentedTokens, n.foldedTokens, n.diacritics);
    return [...m.concepts.map((c) => c.id), ...m.cues.map((c) => c.id)];
  };

  it('matches accented terms in accented text and their folded form in unaccented text', () => {
    expect(match('Có ổ gà to')).toEqual(['pothole']);
    expect(match('co o ga to')).toEqual(['pothole']);
    expect(match('có đám cháy')).toEqual(['fire', 'fire_now']);
    expect(match('co dam chay')).toEqual(['fire']);
  });

  it('keeps "=" terms to text with diacritics (chạy is not cháy)', () => {
    expect(match('xe chạy nhanh')).toEqual([]);
    expect(match('xe chay nhanh')).toEqual([]);
  });

  it('matches prefixes and vetoes a cue with its "unless" terms', () => {
    expect(match('Two potholes on Main St')).toEqual(['pothole']);
    expect(match('nhà đang cháy')).toEqual(['fire', 'fire_now']);
    expect(match('bình chữa cháy hết hạn')).toEqual(['fire']);
  });
});
