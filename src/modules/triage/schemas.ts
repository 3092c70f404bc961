// The similar open cases as the API shows them: in the suggestion for a report being written
// (triage) and among the merge candidates of a case (cases).
import Type from 'typebox';
import { CaseStateSchema } from '../../shared/cases.js';
import type { SimilarCase } from './duplicates.js';

export const SimilarCaseSchema = Type.Object({
  case_id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  score: Type.Number({
    description: '0..1: category (0.4), text similarity (0.4), closeness (0.1), recency (0.1); weak matches left out',
  }),
  text_similarity: Type.Number(),
  distance_m: Type.Number(),
  state: CaseStateSchema,
  category: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  description: Type.String({ description: 'Personal data (phones, e-mails, IDs, plates) masked' }),
});

export const similarView = (found: SimilarCase[]) =>
  found.map((c) => ({ ...c, created_at: c.created_at.toISOString() }));
