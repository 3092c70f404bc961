import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from './evaluate.js';

describe('expectedCalibrationError', () => {
  it('weighs each bin’s gap between confidence and accuracy by its share (worked by hand)', () => {
    // Bin [0.9, 1]: 0.95 and 0.95, one right → |0.95 - 0.5| = 0.45, weight 2/5 → 0.18.
    // Bin [0.5, 0.6): 0.55 three times, two right → |0.55 - 2/3| = 0.11667, weight 3/5 → 0.07.
    const outcomes = [
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.55, correct: true },
      { confidence: 0.55, correct: true },
      { confidence: 0.55, correct: false },
    ];
    expect(expectedCalibrationError(outcomes)).toBeCloseTo(0.25, 10);
  });

  it('averages the confidences within a bin before comparing (not each prediction)', () => {
    // One bin [0.8, 0.9): mean confidence 0.85, accuracy 0.5 → 0.35 (per-prediction gaps would give 0.5).
    const outcomes = [
      { confidence: 0.8, correct: true },
      { confidence: 0.9 - 1e-9, correct: false },
    ];
    expect(expectedCalibrationError(outcomes)).toBeCloseTo(0.35, 6);
  });

  it('puts a confidence of exactly 1 in the last bin and is 0 when confidence means what it says', () => {
    expect(expectedCalibrationError([{ confidence: 1, correct: true }])).toBe(0);
    expect(expectedCalibrationError([{ confidence: 0.05, correct: false }])).toBeCloseTo(0.05, 10);
    const honest = Array.from({ length: 10 }, (_, i) => ({ confidence: 0.7, correct: i < 7 }));
    expect(expectedCalibrationError(honest)).toBeCloseTo(0, 10);
    expect(expectedCalibrationError([])).toBe(0);
  });
});
