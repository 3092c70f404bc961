// The design's colours meet WCAG AA (issue 19, point 13): every text token on every surface
// token, and every rule of web/src/styles.css that sets a text colour and a background
// together, computed from the stylesheet itself: 4.5:1 for text, 3:1 where the rule's text is
// large (1.5rem and up, or bold from 1.1875rem).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../web/src/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The custom properties of :root, each as written. */
function rootTokens(): Map<string, string> {
  const root = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? '';
  const tokens = new Map<string, string>();
  for (const match of root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g))
    tokens.set(match[1] as string, (match[2] as string).trim());
  return tokens;
}
const tokens = rootTokens();

type Rgb = [number, number, number];

/** A colour as written in a declaration, or null when it cannot be judged alone (a gradient, transparency, currentColor). */
function parseColour(value: string): Rgb | null {
  let text = value.trim().replace(/\s*!important$/, '');
  for (let depth = 0; depth < 5; depth++) {
    const variable = /^var\((--[\w-]+)(?:,\s*([^)]+))?\)$/.exec(text);
    if (!variable) break;
    text = tokens.get(variable[1] as string) ?? variable[2] ?? '';
  }
  if (text === 'white' || text === '#fff' || text === '#ffffff') return [255, 255, 255];
  if (text === 'black') return [0, 0, 0];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as Rgb;
  }
  const rgb = /^rgb\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*\)$/.exec(text);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return null;
}

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance([r, g, b]: Rgb): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const TEXT_TOKENS = ['--ink', '--ink-soft', '--muted', '--blue', '--blue-dark', '--red', '--green', '--amber'];
const SURFACE_TOKENS = ['--bg', '--surface', '--surface-sunken'];

describe('the colour tokens', () => {
  it('computes ratios as WCAG does', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([118, 118, 118], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it('every text token reads at 4.5:1 or more on every surface token', () => {
    const failing: string[] = [];
    for (const text of TEXT_TOKENS) {
      for (const surface of SURFACE_TOKENS) {
        const fg = parseColour(`var(${text})`);
        const bg = parseColour(`var(${surface})`);
        if (!fg || !bg) throw new Error(`${text} or ${surface} is not a plain colour`);
        const ratio = contrast(fg, bg);
        if (ratio < 4.5) failing.push(`${text} on ${surface}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failing).toEqual([]);
  });

  it('the pairs the tokens are declared for meet AA', () => {
    const pairs: [string, string][] = [
      ['var(--blue-dark)', 'var(--accent-soft)'],
      ['var(--suggestion)', '#f6f3fc'],
      ['#fff', 'var(--blue)'],
      ['#fff', 'var(--blue-dark)'],
      ['#fff', 'var(--red)'],
      ['#fff', 'var(--green)'],
    ];
    for (const [text, surface] of pairs) {
      const fg = parseColour(text);
      const bg = parseColour(surface);
      if (!fg || !bg) throw new Error(`${text} or ${surface} is not a plain colour`);
      expect(contrast(fg, bg), `${text} on ${surface}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('every dark text colour a rule sets alone reads on the page background', () => {
    // a rule that sets a dark text colour without a background puts it on the page's surfaces
    const page = parseColour('var(--bg)') as Rgb;
    const failing: string[] = [];
    for (const match of css.matchAll(/([^{}]+){([^{}]*)}/g)) {
      const body = match[2] as string;
      if (/(?:^|;|\s)background(?:-color)?\s*:/.test(body)) continue;
      const colour = /(?:^|;|\s)color\s*:\s*([^;]+)/.exec(body)?.[1];
      const fg = colour ? parseColour(colour) : null;
      if (!fg || luminance(fg) > 0.3) continue;
      const ratio = contrast(fg, page);
      if (ratio < 4.5) failing.push(`${(match[1] as string).trim()}: ${ratio.toFixed(2)}:1`);
    }
    expect(failing).toEqual([]);
  });

  it('every rule that sets both a text colour and a background meets AA', () => {
    const failing: string[] = [];
    let judged = 0;
    for (const match of css.matchAll(/([^{}]+){([^{}]*)}/g)) {
      const selector = (match[1] as string).trim();
      const body = match[2] as string;
      const colour = /(?:^|;|\s)color\s*:\s*([^;]+)/.exec(body)?.[1];
      const background = /(?:^|;|\s)background(?:-color)?\s*:\s*([^;]+)/.exec(body)?.[1];
      if (!colour || !background) continue;
      const fg = parseColour(colour);
      const bg = parseColour(background);
      if (!fg || !bg) continue;
      judged++;
      const size = /font-size\s*:\s*([\d.]+)rem/.exec(body)?.[1];
      const bold = /font-weight\s*:\s*(bold|[6-9]00)/.test(body);
      const large = size !== undefined && (Number(size) >= 1.5 || (bold && Number(size) >= 1.1875));
      const ratio = contrast(fg, bg);
      if (ratio < (large ? 3 : 4.5)) failing.push(`${selector}: ${ratio.toFixed(2)}:1`);
    }
    expect(judged).toBeGreaterThan(10);
    expect(failing).toEqual([]);
  });
});
