import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRIAGE_DATA } from './data.js';
import { DEFAULT_FEATURES, extractFeatures, hashFeature, stemEnglish } from './features.js';
import { Lexicon, parseLexicon } from './lexicon.js';
import { normalizeText } from './normalize.js';

const lexicon = new Lexicon(parseLexicon(JSON.parse(readFileSync(TRIAGE_DATA.lexicon, 'utf8'))));

/**
 * The features as their definition says, by name: each view's feature names counted, 1 + log tf,
 * L2-normalised, weighted, summed by hash. extractFeatures hashes without building the names.
 */
function byName(text: string): Map<number, number> {
  const norm = normalizeText(text);
  const w = DEFAULT_FEATURES.weights;
  const out = new Map<number, number>();
  const view = (names: string[], weight: number) => {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    const values = [...counts].map(([name, count]) => [hashFeature(name), 1 + Math.log(count)] as const);
    const norm2 = Math.sqrt(values.reduce((sum, [, v]) => sum + v * v, 0));
    for (const [hash, v] of values) if (norm2 > 0) out.set(hash, (out.get(hash) ?? 0) + (v * weight) / norm2);
  };
  const t = norm.foldedTokens;
  view(
    t.map((token) => `w:${token}`),
    w.words,
  );
  view(
    [...t.map((token, i) => `b:${i === 0 ? '^' : t[i - 1]} ${token}`), ...(t.length ? [`b:${t[t.length - 1]} $`] : [])],
    w.bigrams,
  );
  if (norm.diacritics) {
    const a = norm.accentedTokens;
    view(
      a.flatMap((token, i) => [`a:${token}`, ...(i > 0 ? [`ab:${a[i - 1]} ${token}`] : [])]),
      w.accented,
    );
  }
  if (norm.language === 'en')
    view(
      t.map((token) => `s:${stemEnglish(token)}`),
      w.stems,
    );
  const padded = ` ${norm.folded} `;
  const grams: string[] = [];
  for (let n = DEFAULT_FEATURES.charMin; n <= DEFAULT_FEATURES.charMax; n++)
    for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
  view(grams, w.chars);
  const match = lexicon.match(norm.accentedTokens, norm.foldedTokens, norm.diacritics);
  view(
    [
      ...match.concepts.flatMap((c) => [`L:${c.id}`, ...(c.category ? [`LC:${c.category}`] : [])]),
      ...match.cues.flatMap((c) => [`U:${c.id}`, `UL:${c.level}`]),
    ],
    w.lexicon,
  );
  const bangs = (norm.accented.match(/!/g) ?? []).length;
  view(
    [...(bangs > 0 ? ['S:!'] : []), ...(bangs > 1 ? ['S:!!'] : []), ...(norm.accented.includes('?') ? ['S:?'] : [])],
    w.signals,
  );
  return out;
}

describe('feature extraction', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('a')).toBe(0xe40c292c);
    expect(hashFeature('foobar')).toBe(0xbf9cf968);
  });

  it('gives exactly the features named by the definition, sorted by hash', () => {
    const texts = [
      'Rác thải đổ bừa bãi trước chợ Đông Ba, bốc mùi!!',
      'Cay do chan ngang duong Le Loi, nguy hiem qua?',
      'Flooded street near the Truong Tien bridge, cars stuck',
      'ổ gà',
      '',
    ];
    for (const text of texts) {
      const { hashes, values } = extractFeatures(text, lexicon);
      const expected = byName(text);
      expect([...hashes], text).toEqual([...expected.keys()].sort((a, b) => a - b));
      hashes.forEach((hash, i) => {
        expect(values[i], `${text}: ${hash}`).toBeCloseTo(expected.get(hash) as number, 12);
      });
    }
  });
});
