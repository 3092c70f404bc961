import { describe, expect, it } from 'vitest';
import { checkGeometry, findSelfIntersection, polygonLiteral, type Ring } from './geometry.js';

const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const problemsOf = (geometry: unknown) => checkGeometry(geometry).problems;

describe('checkGeometry', () => {
  const square: number[][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];

  it('accepts polygons and multipolygons, holes inside', () => {
    const hole = [
      [0.2, 0.2],
      [0.2, 0.4],
      [0.4, 0.4],
      [0.4, 0.2],
      [0.2, 0.2],
    ];
    expect(problemsOf(polygon(square, hole))).toEqual([]);
    const beside = square.map(([x = 0, y = 0]) => [x + 2, y]);
    expect(problemsOf({ type: 'MultiPolygon', coordinates: [[square], [beside]] })).toEqual([]);
    // repeated positions and an altitude are tolerated; the altitude is dropped
    const noisy = [
      [0, 0, 12],
      [1, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(checkGeometry(polygon(noisy)).geometry?.coordinates[0]).toContainEqual([0, 0]);
  });

  it('names the part and ring of each fault', () => {
    expect(problemsOf({ type: 'Point', coordinates: [0, 0] })).toEqual([
      'geometry type "Point" is not Polygon or MultiPolygon',
    ]);
    expect(problemsOf(null)).toEqual(['geometry is missing or not an object']);
    expect(problemsOf(polygon(square.slice(0, 4)))).toEqual([
      'ring 0 is not closed (its last position differs from its first)',
    ]);
    expect(
      problemsOf(
        polygon([
          [0, 0],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['ring 0 has 3 positions; a ring needs at least 4 (the first repeated last)']);
    expect(
      problemsOf(
        polygon([
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ]),
      ),
    ).toEqual(['ring 0 has no area (its positions are on one line or the same point)']);
    expect(
      problemsOf(
        polygon([
          [0, 0],
          [1, Number.NaN],
          [1, 1],
          [0, 0],
        ]),
      ),
    ).toEqual(['ring 0 position 1 [1,null] is not made of finite numbers']);
    expect(
      problemsOf(
        polygon([
          [0, 0],
          [16, 107],
          [1, 1],
          [0, 0],
        ]),
      )[0],
    ).toMatch(/^ring 0 position 1 \[16,107\] is out of range/);
    expect(
      problemsOf({
        type: 'MultiPolygon',
        coordinates: [
          [square],
          [
            square,
            [
              [5, 5],
              [6, 5],
              [6, 6],
              [5, 5],
            ],
          ],
        ],
      }),
    ).toEqual(['part 1 ring 1 is a hole outside its outer ring (ring 0)']);
    expect(problemsOf({ type: 'MultiPolygon', coordinates: [[square], []] })).toEqual(['part 1 has no rings']);
  });
});

describe('findSelfIntersection', () => {
  it('finds a bow tie, a pinch and a spike, and passes a plain ring', () => {
    const bowTie: Ring = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
      [0, 0],
    ];
    expect(findSelfIntersection(bowTie)).toEqual([1, 1]);
    // two squares touching at one corner, drawn as one ring
    const pinch: Ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    expect(findSelfIntersection(pinch)).toEqual([1, 1]);
    const spike: Ring = [
      [0, 0],
      [2, 0],
      [3, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(findSelfIntersection(spike)).not.toBeNull();
    expect(
      findSelfIntersection([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBeNull();
  });

  it('checks a ring of 20 000 positions quickly', () => {
    const ring: [number, number][] = Array.from({ length: 20_000 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 20_000;
      return [107 + Math.cos(angle), 16 + Math.sin(angle)];
    });
    ring.push(ring[0] as [number, number]);
    const started = performance.now();
    expect(findSelfIntersection(ring)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('polygonLiteral', () => {
  it('writes x as longitude and y as latitude, without the closing position', () => {
    expect(
      polygonLiteral([
        [107.5, 16.4],
        [107.6, 16.4],
        [107.6, 16.5],
        [107.5, 16.4],
      ]),
    ).toBe('((107.5,16.4),(107.6,16.4),(107.6,16.5))');
  });
});
