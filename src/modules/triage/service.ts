// Triage as the rest of CityPulse uses it: the built-in model loaded once at start, an optional
// external (OpenAI-compatible) classifier in front of it that falls back to the built-in one
// when slow or down, and the suggestion for a report (category, priority, routing, abuse
// flags) that intake records on the case.
import { prepared, type Queryable } from '../../platform/db/index.js';
import { PRIORITIES, type Priority } from '../../shared/reference-data.js';
import { type RoutingDecision, routeCase } from '../routing/service.js';
import { type AbuseVerdict, detectAbuse } from './abuse.js';
import {
  loadOrTrainModel,
  type SerializedModel,
  TRIAGE_DATA,
  type TriageModel,
  type TriagePrediction,
} from './model/model.js';

/** The built-in model; `serialized` when it came from an artifact (it does, from loadTriageModel). */
export type BuiltInModel = TriageModel & { serialized?: SerializedModel };

export interface LoadTriageModelOptions {
  /** The artifact; default models/triage.json.gz. */
  path?: string;
  log?: (line: string) => void;
}

/**
 * The committed artifact, or, when it is missing, a model trained from the default data and saved
 * there (a few seconds, once). Call it once at start and share the model.
 */
export async function loadTriageModel(options: LoadTriageModelOptions = {}): Promise<BuiltInModel> {
  return loadOrTrainModel(options.path ?? TRIAGE_DATA.model, options.log);
}

/** The text the model reads for a case: its title, if any, then its description. */
export function triageTextOf(title: string | null | undefined, description: string): string {
  const head = title?.trim();
  return head ? `${head}\n${description}` : description;
}

// ---------------------------------------------------------------------------------------------
// Classifiers

export type FallbackReason = 'timeout' | 'unavailable' | 'invalid_answer' | 'circuit_open';

export interface Classification extends TriagePrediction {
  /** 'built_in', or 'external:<name>' when the external classifier answered in time. */
  classifier: string;
  /** Why the configured external classifier was not used for this one. */
  fallback_reason?: FallbackReason;
}

export interface CategoryHint {
  code: string;
  name_en: string;
  examples_en?: string;
}

export interface ExternalRequest {
  text: string;
  /** The codes it may answer. */
  categories: readonly CategoryHint[];
  /** What the built-in model thinks, for an external model that re-ranks. */
  builtIn: TriagePrediction;
}

export interface ExternalVerdict {
  category: string;
  /** 0..1; absent: the built-in model's probability for that category is used. */
  confidence?: number;
  priority?: Priority;
}

/** A classifier outside the process (an LLM behind an OpenAI-compatible API, say). */
export interface ExternalClassifier {
  readonly name: string;
  /** Should stop when the signal aborts; the caller stops waiting then in any case. */
  classify(request: ExternalRequest, signal: AbortSignal): Promise<ExternalVerdict>;
}

export interface TriageClassifier {
  readonly builtIn: BuiltInModel;
  readonly external: ExternalClassifier | null;
  classify(text: string): Promise<Classification>;
}

export interface ClassifierOptions {
  builtIn: BuiltInModel;
  /** An OpenAI-compatible API base, e.g. http://127.0.0.1:8000/v1 (POST {base}/chat/completions). */
  externalUrl?: string;
  externalModel?: string;
  externalApiKey?: string;
  /** Instead of externalUrl: any external classifier. */
  external?: ExternalClassifier;
  /** 'classify': any category; 'rerank': one of the built-in model's top 3. Default classify. */
  mode?: 'classify' | 'rerank';
  /** How long to wait for the external classifier before answering with the built-in one. */
  timeoutMs: number;
  /** Names and examples of the categories, for the external classifier's prompt. */
  categories?: readonly CategoryHint[];
  /** After this many failures in a row, the external classifier is skipped for cooldownMs. */
  breakerFailures?: number;
  breakerCooldownMs?: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

class ExternalFailure extends Error {
  constructor(readonly reason: FallbackReason) {
    super(reason);
  }
}

const rank = (p: Priority) => PRIORITIES.indexOf(p);

function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ExternalFailure('timeout'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? new ExternalFailure('timeout') : error);
      },
    );
  });
}

/**
 * The classifier the server uses: the built-in model alone, or an external one in front of it
 * (off unless externalUrl or external is given). The built-in model always runs: it is the answer
 * when the external one is slow, down or answers nonsense, and its urgent call is never lowered.
 */
export function createClassifier(options: ClassifierOptions): TriageClassifier {
  const { builtIn, timeoutMs } = options;
  const external =
    options.external ??
    (options.externalUrl
      ? openAiCompatibleClassifier({
          url: options.externalUrl,
          model: options.externalModel ?? 'default',
          ...(options.externalApiKey ? { apiKey: options.externalApiKey } : {}),
        })
      : null);
  const known: CategoryHint[] = options.categories
    ? [...options.categories]
    : (builtIn.serialized?.category.classes ?? []).map((code) => ({ code, name_en: code }));
  const maxFailures = options.breakerFailures ?? 3;
  const cooldownMs = options.breakerCooldownMs ?? 30_000;
  let failures = 0;
  let openUntil = 0;

  async function askExternal(ext: ExternalClassifier, text: string, local: TriagePrediction) {
    const allowed =
      options.mode === 'rerank' || known.length === 0
        ? local.top3.map((c) => known.find((k) => k.code === c.category) ?? { code: c.category, name_en: c.category })
        : known;
    const signal = AbortSignal.timeout(timeoutMs);
    const verdict = await withDeadline(ext.classify({ text, categories: allowed, builtIn: local }, signal), signal);
    if (!allowed.some((c) => c.code === verdict?.category)) throw new ExternalFailure('invalid_answer');
    return verdict;
  }

  return {
    builtIn,
    external,
    async classify(text: string): Promise<Classification> {
      const local = builtIn.classify(text);
      if (!external) return { ...local, classifier: 'built_in' };
      if (Date.now() < openUntil) return { ...local, classifier: 'built_in', fallback_reason: 'circuit_open' };
      try {
        const verdict = await askExternal(external, text, local);
        failures = 0;
        return merge(local, verdict, external.name);
      } catch (error) {
        const reason = error instanceof ExternalFailure ? error.reason : 'unavailable';
        failures += 1;
        if (failures >= maxFailures) {
          openUntil = Date.now() + cooldownMs;
          failures = 0;
        }
        options.log?.('external triage classifier failed: answering with the built-in model', {
          classifier: external.name,
          reason,
          error: error instanceof ExternalFailure ? undefined : String(error),
        });
        return { ...local, classifier: 'built_in', fallback_reason: reason };
      }
    },
  };
}

/** The external verdict over the built-in prediction; priority is only ever raised. */
function merge(local: TriagePrediction, verdict: ExternalVerdict, name: string): Classification {
  const localConfidence = local.top3.find((c) => c.category === verdict.category)?.confidence ?? 0;
  const stated = verdict.confidence;
  const confidence =
    typeof stated === 'number' && Number.isFinite(stated) ? Math.min(1, Math.max(0, stated)) : localConfidence;
  const top3 = [
    { category: verdict.category, confidence },
    ...local.top3.filter((c) => c.category !== verdict.category),
  ].slice(0, 3);
  const raised = verdict.priority !== undefined && rank(verdict.priority) > rank(local.priority);
  return {
    ...local,
    category: verdict.category,
    confidence,
    top3,
    ...(raised ? { priority: verdict.priority as Priority, priority_confidence: confidence } : {}),
    classifier: `external:${name}`,
  };
}

/** Reads the first JSON object in a model's answer (some wrap it in prose or code fences). */
function parseVerdict(content: string): ExternalVerdict {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  if (start < 0 || end <= start) throw new ExternalFailure('invalid_answer');
  let json: unknown;
  try {
    json = JSON.parse(content.slice(start, end + 1));
  } catch {
    throw new ExternalFailure('invalid_answer');
  }
  const j = json as { category?: unknown; confidence?: unknown; priority?: unknown };
  if (typeof j.category !== 'string') throw new ExternalFailure('invalid_answer');
  return {
    category: j.category,
    ...(typeof j.confidence === 'number' ? { confidence: j.confidence } : {}),
    ...(PRIORITIES.includes(j.priority as Priority) ? { priority: j.priority as Priority } : {}),
  };
}

function prompt(request: ExternalRequest): string {
  const lines = request.categories.map((c) => `- ${c.code}: ${c.name_en}${c.examples_en ? ` (${c.examples_en})` : ''}`);
  const hint = request.builtIn.top3.map((c) => `${c.category} ${c.confidence.toFixed(2)}`).join(', ');
  return [
    'You sort citizen reports to a Vietnamese city (written in Vietnamese, with or without diacritics, or English).',
    'Choose the one category that fits best, from these codes only:',
    ...lines,
    `A smaller model suggests: ${hint}.`,
    'Priority: urgent when life, health or safety is at risk now; high for serious disruption; normal otherwise; low for cosmetic issues.',
    'Answer with JSON only: {"category": "<code>", "confidence": <0..1>, "priority": "low|normal|high|urgent"}',
  ].join('\n');
}

/** An external classifier speaking the OpenAI chat-completions API (vLLM, llama.cpp, Ollama, ...). */
export function openAiCompatibleClassifier(options: {
  url: string;
  model: string;
  apiKey?: string;
}): ExternalClassifier {
  const endpoint = `${options.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    name: options.model,
    async classify(request, signal) {
      const response = await fetch(endpoint, {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          max_tokens: 100,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: prompt(request) },
            { role: 'user', content: request.text },
          ],
        }),
      });
      if (!response.ok) throw new ExternalFailure('unavailable');
      let body: { choices?: { message?: { content?: unknown } }[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        throw new ExternalFailure('invalid_answer');
      }
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new ExternalFailure('invalid_answer');
      return parseVerdict(content);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

export interface TriageSuggestion {
  prediction: Classification;
  /** Where the suggested category would go from the location; null without a location. */
  routing: RoutingDecision | null;
  abuse: AbuseVerdict;
}

/** What triage makes of a report: classification, routing of the suggested category, abuse flags. */
export async function suggestTriage(
  db: Queryable,
  classifier: TriageClassifier,
  report: { text: string; lat?: number | null; lon?: number | null },
): Promise<TriageSuggestion> {
  const prediction = await classifier.classify(report.text);
  const located = typeof report.lat === 'number' && typeof report.lon === 'number';
  const routing = located ? await routeCase(db, prediction.category, report.lat as number, report.lon as number) : null;
  return { prediction, routing, abuse: detectAbuse(report.text) };
}

/**
 * What triage makes of a report's text alone, at intake: classification and abuse flags.
 * Routing is left to intake's batch (for the reports that may be assigned at once) and to
 * the case page.
 */
export async function classifyReport(classifier: TriageClassifier, text: string): Promise<TriageSuggestion> {
  return { prediction: await classifier.classify(text), routing: null, abuse: detectAbuse(text) };
}

/** Appends the suggestion made for a case (in intake's transaction, after the case is created). */
export async function recordSuggestion(tx: Queryable, caseId: string, suggestion: TriageSuggestion): Promise<void> {
  await recordSuggestions(tx, [{ caseId, suggestion }]);
}

/**
 * The INSERT of suggestions given as a jsonb array (suggestionRows) in the parameter named by
 * rowsParam, keeping those whose case_id passes the filter: alone, or inside the statement
 * that creates the cases.
 */
export function insertSuggestionsSql(rowsParam: string, filter = 'true'): string {
  return `INSERT INTO triage_suggestions (case_id, model_version, classifier, category_code, confidence, top3, priority,
     priority_confidence, agency_code, routing_explanation_vi, routing_explanation_en, abuse_reasons)
   SELECT s.case_id, s.model_version, s.classifier, s.category_code, s.confidence, s.top3, s.priority,
          s.priority_confidence, s.agency_code, s.routing_explanation_vi, s.routing_explanation_en,
          ARRAY(SELECT jsonb_array_elements_text(s.abuse_reasons))
     FROM jsonb_to_recordset(${rowsParam}::jsonb) AS s(case_id uuid, model_version text, classifier text, category_code text,
       confidence real, top3 jsonb, priority text, priority_confidence real, agency_code text,
       routing_explanation_vi text, routing_explanation_en text, abuse_reasons jsonb)
    WHERE ${filter}`;
}

const RECORD_SUGGESTIONS = prepared(insertSuggestionsSql('$1'));

/** The suggestions of cases as insertSuggestionsSql takes them. */
export function suggestionRows(items: readonly { caseId: string; suggestion: TriageSuggestion }[]): object[] {
  return items.map(({ caseId, suggestion: { prediction, routing, abuse } }) => ({
    case_id: caseId,
    model_version: prediction.model_version,
    classifier: prediction.classifier,
    category_code: prediction.category,
    confidence: prediction.confidence,
    top3: prediction.top3,
    priority: prediction.priority,
    priority_confidence: prediction.priority_confidence,
    agency_code: routing?.agency?.code ?? null,
    routing_explanation_vi: routing?.explanation.vi ?? null,
    routing_explanation_en: routing?.explanation.en ?? null,
    abuse_reasons: abuse.reasons,
  }));
}

/** Appends the suggestions of many cases in one statement. */
export async function recordSuggestions(
  tx: Queryable,
  items: readonly { caseId: string; suggestion: TriageSuggestion }[],
): Promise<void> {
  if (items.length === 0) return;
  await tx.query(RECORD_SUGGESTIONS, [JSON.stringify(suggestionRows(items))]);
}

export interface StoredSuggestion {
  id: number;
  case_id: string;
  model_version: string;
  classifier: string;
  category_code: string;
  confidence: number;
  top3: { category: string; confidence: number }[];
  priority: Priority;
  priority_confidence: number;
  agency_code: string | null;
  routing_explanation_vi: string | null;
  routing_explanation_en: string | null;
  abuse_reasons: string[];
  created_at: Date;
}

/** A suggestion as the staff's case views read it (a page of the queue brings it without its time). */
export type ShownSuggestion = Omit<StoredSuggestion, 'created_at'>;

/** The latest suggestion made for a case, if any. */
export async function latestSuggestion(db: Queryable, caseId: string): Promise<StoredSuggestion | null> {
  const { rows } = await db.query<StoredSuggestion>(
    'SELECT * FROM triage_suggestions WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
    [caseId],
  );
  return rows[0] ?? null;
}

/**
 * The priority a new case is submitted with: urgent when the model says so (so that it sorts
 * first and the operators are told at once); raised to a safety rule's level when the report
 * states a danger in words (a tree across the road, "nguy hiểm", exposed wires); otherwise the
 * category's default. A learned guess of high alone does not raise it (high is the level the
 * model recognises least), and the model never lowers a priority at intake.
 */
export function submissionPriority(
  defaultPriority: Priority,
  prediction: Pick<TriagePrediction, 'priority' | 'priority_rule'>,
): Priority {
  if (prediction.priority === 'urgent') return 'urgent';
  const rule = prediction.priority_rule;
  return rule && rank(rule) > rank(defaultPriority) ? rule : defaultPriority;
}
