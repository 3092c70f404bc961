// Photos for the demo city, drawn at start time: a simple street scene per kind of problem
// (SVG rendered to JPEG by sharp), before and after the fix. Made here, so free of any
// licence question, and varied by a seeded random source so no two look quite alike.
import sharp from 'sharp';
import type { Random } from '../synthetic/random.js';

export type SceneKind = 'waste' | 'road' | 'light' | 'water' | 'tree' | 'street';

/** The scene that fits each category (others: a street). */
export const SCENE_OF: Record<string, SceneKind> = {
  waste: 'waste',
  pollution: 'waste',
  road_damage: 'road',
  construction: 'road',
  streetlight: 'light',
  electricity: 'light',
  drainage_flooding: 'water',
  water_supply: 'water',
  trees_parks: 'tree',
};

const WIDTH = 800;
const HEIGHT = 600;

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h)},${Math.round(s)}%,${Math.round(l)}%)`;

function problem(random: Random, kind: SceneKind, fixed: boolean): string {
  const x = 200 + random.int(400);
  switch (kind) {
    case 'waste':
      return fixed
        ? `<rect x="${x - 40}" y="330" width="80" height="110" rx="8" fill="${hsl(140, 50, 35)}"/>`
        : Array.from({ length: 9 + random.int(8) }, () => {
            const bx = x - 150 + random.int(300);
            const by = 400 + random.int(90);
            return `<ellipse cx="${bx}" cy="${by}" rx="${25 + random.int(30)}" ry="${18 + random.int(20)}" fill="${hsl(random.int(360), 30 + random.int(50), 15 + random.int(40))}"/>`;
          }).join('');
    case 'road':
      return fixed
        ? `<rect x="${x - 110}" y="430" width="220" height="60" fill="#3a3a3a"/>`
        : `<ellipse cx="${x}" cy="460" rx="${90 + random.int(60)}" ry="${28 + random.int(15)}" fill="#1f1a14"/>` +
            `<ellipse cx="${x + 10}" cy="465" rx="${50 + random.int(30)}" ry="12" fill="${hsl(210, 30, 45)}" opacity="0.7"/>` +
            `<path d="M${x - 200} 500 L${x - 90} 455 L${x - 40} 470" stroke="#111" stroke-width="4" fill="none"/>`;
    case 'light':
      return (
        `<rect x="${x - 6}" y="150" width="12" height="290" fill="#555"/>` +
        `<rect x="${x - 6}" y="150" width="80" height="10" fill="#555"/>` +
        `<circle cx="${x + 74}" cy="170" r="18" fill="${fixed ? '#ffe680' : '#333'}"/>` +
        (fixed ? `<circle cx="${x + 74}" cy="170" r="60" fill="#ffe680" opacity="0.25"/>` : '')
      );
    case 'water':
      return fixed
        ? `<rect x="0" y="470" width="${WIDTH}" height="6" fill="#5a7" opacity="0.6"/>`
        : `<rect x="0" y="${380 + random.int(40)}" width="${WIDTH}" height="240" fill="${hsl(35, 35, 38)}" opacity="0.85"/>` +
            `<path d="M0 420 Q 200 400 400 420 T 800 420" stroke="#d8c8a8" stroke-width="3" fill="none"/>`;
    case 'tree':
      return fixed
        ? `<rect x="${x - 12}" y="250" width="24" height="190" fill="#6b4a2b"/><circle cx="${x}" cy="230" r="90" fill="${hsl(120, 45, 32)}"/>`
        : `<rect x="${x - 150}" y="420" width="300" height="24" transform="rotate(${-8 + random.int(16)} ${x} 430)" fill="#6b4a2b"/>` +
            `<circle cx="${x + 120}" cy="410" r="70" fill="${hsl(110, 40, 30)}"/>`;
    default:
      return fixed
        ? ''
        : `<rect x="${x - 60}" y="380" width="120" height="60" fill="${hsl(random.int(360), 60, 45)}"/>` +
            `<rect x="${x - 180}" y="400" width="90" height="40" fill="${hsl(random.int(360), 60, 45)}"/>`;
  }
}

function svg(random: Random, kind: SceneKind, fixed: boolean, caption: string): string {
  const skyHue = 195 + random.int(30);
  const houses = Array.from({ length: 6 }, (_, i) => {
    const w = 100 + random.int(60);
    const h = 120 + random.int(120);
    const x = i * 140 - random.int(40);
    return `<rect x="${x}" y="${330 - h}" width="${w}" height="${h}" fill="${hsl(random.int(60) + 20, 40, 60 + random.int(20))}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hsl(skyHue, 60, 55 + random.int(20))}"/><stop offset="1" stop-color="${hsl(skyHue, 40, 85)}"/>
    </linearGradient></defs>
    <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
    ${houses}
    <rect y="330" width="${WIDTH}" height="270" fill="${hsl(30, 8, 42 + random.int(10))}"/>
    <rect y="330" width="${WIDTH}" height="40" fill="${hsl(30, 10, 65)}"/>
    ${problem(random, kind, fixed)}
    <rect y="${HEIGHT - 44}" width="${WIDTH}" height="44" fill="#000" opacity="0.55"/>
    <text x="16" y="${HEIGHT - 15}" font-family="sans-serif" font-size="22" fill="#fff">${caption}</text>
  </svg>`;
}

/** A JPEG of the scene: the problem as the citizen saw it, or the place once fixed. */
export function drawScene(random: Random, kind: SceneKind, fixed: boolean, caption: string): Promise<Buffer> {
  return sharp(Buffer.from(svg(random, kind, fixed, caption)))
    .jpeg({ quality: 78 })
    .toBuffer();
}
