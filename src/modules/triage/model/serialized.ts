// The shape of the model artifact (versioned JSON, stored gzipped).
import type { FeatureConfig } from './features.js';
import type { LexiconData, Priority } from './lexicon.js';

export const ARTIFACT_FORMAT = 'citypulse-triage-model';
export const ARTIFACT_FORMAT_VERSION = 1;

/** A linear classifier, weights quantised to int8 with one scale per class. */
export interface SerializedLinear {
  classes: string[];
  /** base64 int8, row-major by feature: weight(f, k) = q[f * classes + k] * scales[k]. */
  weights: string;
  scales: number[];
  bias: number[];
  /** Softmax temperature fitted on a held-out slice of the training data. */
  temperature: number;
}

export interface SerializedModel {
  format: typeof ARTIFACT_FORMAT;
  format_version: number;
  /** triage-YYYY.MM.DD-<hash8>: the training date and a hash of everything below. */
  version: string;
  features: FeatureConfig;
  lexicon: LexiconData;
  vocabulary: {
    /** Number of training documents the document frequencies were counted over. */
    documents: number;
    /** base64 varint deltas of the sorted feature hashes; a feature's index is its rank. */
    hashes: string;
    /** base64 varints: document frequency of each feature, in the same order. */
    df: string;
    /** Length the TF-IDF vector is scaled to. */
    norm: number;
  };
  category: SerializedLinear;
  priority: SerializedLinear & {
    /** Predict urgent when P(urgent) reaches this, even if another level is likelier. */
    urgent_threshold: number;
    /** Share of rule-raised reports that were urgent on the held-out slice (reported as confidence). */
    rule_precision: number;
  };
  training: {
    seed: number;
    examples: number;
    by_lang: Record<string, number>;
    /** base64 varint deltas of the sorted hashes of the training texts (folded), to detect overlap. */
    text_hashes: string;
    /** Figures on the held-out slice of the training data used for calibration. */
    holdout: {
      examples: number;
      accuracy: number;
      urgent_recall: number;
      urgent_precision: number;
    };
    options: Record<string, unknown>;
  };
}

export type PriorityLevel = Priority;
