// The model loaded once (trained on first start when its artifact is missing), and the
// external classifier that answers when it can and gives way to the built-in model when it is
// slow, failing or talking nonsense: against a real local HTTP server.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BuiltInModel, createClassifier, loadTriageModel, submissionPriority, triageTextOf } from './service.js';

const POTHOLE = 'Ổ gà rất sâu trên đường Lê Duẩn, xe máy té ngã';

let model: BuiltInModel;
let server: Server;
let base: string;
/** What the fake endpoint does with the next requests. */
let behaviour: (request: IncomingMessage, response: ServerResponse, body: string) => void;
const received: { url: string | undefined; body: Record<string, unknown>; authorization: string | undefined }[] = [];

const answer = (content: string) => (_: IncomingMessage, response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
};

beforeAll(async () => {
  model = await loadTriageModel();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push({ url: request.url, body: JSON.parse(body), authorization: request.headers.authorization });
      behaviour(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
});

describe('loadTriageModel', () => {
  it('loads the committed artifact', async () => {
    expect(model.version).toMatch(/^triage-\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
    expect(model.serialized?.category.classes).toContain('road_damage');
    expect(model.classify(POTHOLE).category).toBe('road_damage');
  });

  it('trains and saves a model on first start when the artifact is missing', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citypulse-model-'));
    try {
      const path = join(dir, 'models', 'triage.json.gz');
      const lines: string[] = [];
      const trained = await loadTriageModel({ path, log: (line) => lines.push(line) });
      expect(existsSync(path)).toBe(true);
      expect(lines.join('\n')).toMatch(/training one/);
      expect(trained.classify(POTHOLE).category).toBe('road_damage');
      // the second start reads what the first one saved
      const again = await loadTriageModel({ path, log: (line) => lines.push(line) });
      expect(again.version).toBe(trained.version);
      expect(lines.filter((line) => /training one/.test(line))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createClassifier', () => {
  it('answers with the built-in model when no external classifier is configured', async () => {
    const classifier = createClassifier({ builtIn: model, timeoutMs: 100 });
    const result = await classifier.classify(POTHOLE);
    expect(result).toMatchObject({ category: 'road_damage', classifier: 'built_in', model_version: model.version });
    expect(result.fallback_reason).toBeUndefined();
  });

  it('asks an OpenAI-compatible endpoint and takes its answer, raising the priority only', async () => {
    behaviour = answer('Here you are: {"category": "traffic", "confidence": 0.8, "priority": "low"}');
    const classifier = createClassifier({
      builtIn: model,
      externalUrl: base,
      externalModel: 'qwen-7b',
      externalApiKey: 'secret-key',
      timeoutMs: 2000,
    });
    const result = await classifier.classify(POTHOLE);
    expect(result).toMatchObject({ category: 'traffic', confidence: 0.8, classifier: 'external:qwen-7b' });
    expect(result.top3[0]).toEqual({ category: 'traffic', confidence: 0.8 });
    expect(result.top3.map((c) => c.category)).toContain('road_damage');
    expect(result.priority).toBe(model.classify(POTHOLE).priority); // "low" would lower it: ignored
    expect(result.model_version).toBe(model.version);
    const [request] = received;
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe('Bearer secret-key');
    expect(request?.body).toMatchObject({ model: 'qwen-7b', temperature: 0 });
    const messages = request?.body.messages as { role: string; content: string }[];
    expect(messages[0]?.content).toContain('road_damage');
    expect(messages[1]).toEqual({ role: 'user', content: POTHOLE });

    behaviour = answer('{"category": "road_damage", "priority": "urgent"}');
    const raised = await classifier.classify(POTHOLE);
    expect(raised).toMatchObject({ category: 'road_damage', priority: 'urgent' });
    // without a stated confidence, the built-in model's probability stands
    expect(raised.confidence).toBe(model.classify(POTHOLE).confidence);
  });

  it('falls back to the built-in model when the endpoint is slow, without waiting for it', async () => {
    behaviour = (_request, response) => {
      setTimeout(() => answer('{"category": "traffic"}')(_request, response), 3000);
    };
    const classifier = createClassifier({ builtIn: model, externalUrl: base, timeoutMs: 200 });
    const started = performance.now();
    const result = await classifier.classify(POTHOLE);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ category: 'road_damage', classifier: 'built_in', fallback_reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1500);
  });

  it('falls back when the endpoint answers 500, is down, or answers what it may not', async () => {
    behaviour = (_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error": "model overloaded"}');
    };
    const logged: unknown[] = [];
    const failing = createClassifier({
      builtIn: model,
      externalUrl: base,
      timeoutMs: 2000,
      log: (message, details) => logged.push({ message, details }),
    });
    expect(await failing.classify(POTHOLE)).toMatchObject({
      category: 'road_damage',
      classifier: 'built_in',
      fallback_reason: 'unavailable',
    });
    expect(logged).toHaveLength(1);

    const down = createClassifier({ builtIn: model, externalUrl: 'http://127.0.0.1:9/v1', timeoutMs: 2000 });
    expect(await down.classify(POTHOLE)).toMatchObject({ classifier: 'built_in', fallback_reason: 'unavailable' });

    const nonsense = createClassifier({ builtIn: model, externalUrl: base, timeoutMs: 2000 });
    behaviour = answer('{"category": "alien_invasion", "confidence": 1}');
    expect(await nonsense.classify(POTHOLE)).toMatchObject({
      fallback_reason: 'invalid_answer',
      category: 'road_damage',
    });
    behaviour = answer('I think it is about roads.');
    expect(await nonsense.classify(POTHOLE)).toMatchObject({ fallback_reason: 'invalid_answer' });
  });

  it('keeps a re-ranking endpoint to the built-in top 3', async () => {
    const reranker = createClassifier({ builtIn: model, externalUrl: base, timeoutMs: 2000, mode: 'rerank' });
    const top3 = model.classify(POTHOLE).top3.map((c) => c.category);
    behaviour = answer(`{"category": "${top3[1]}"}`);
    expect((await reranker.classify(POTHOLE)).category).toBe(top3[1]);
    const outside = model.serialized?.category.classes.find((code) => !top3.includes(code)) as string;
    behaviour = answer(`{"category": "${outside}"}`);
    expect(await reranker.classify(POTHOLE)).toMatchObject({ fallback_reason: 'invalid_answer' });
  });

  it('stops asking a failing endpoint for a while after repeated failures', async () => {
    behaviour = (_request, response) => {
      response.writeHead(503);
      response.end();
    };
    const classifier = createClassifier({
      builtIn: model,
      externalUrl: base,
      timeoutMs: 2000,
      breakerFailures: 2,
      breakerCooldownMs: 60_000,
    });
    await classifier.classify(POTHOLE);
    await classifier.classify(POTHOLE);
    expect(received).toHaveLength(2);
    expect(await classifier.classify(POTHOLE)).toMatchObject({
      fallback_reason: 'circuit_open',
      category: 'road_damage',
    });
    expect(received).toHaveLength(2);
  });
});

describe('intake helpers', () => {
  it('submits urgent when the model says urgent, and otherwise keeps the category default', () => {
    expect(submissionPriority('normal', { priority: 'urgent' })).toBe('urgent');
    expect(submissionPriority('normal', { priority: 'high' })).toBe('normal');
    expect(submissionPriority('high', { priority: 'low' })).toBe('high');
  });

  it('raises to a safety rule’s level when the report states a danger in words, never lowers', () => {
    expect(submissionPriority('normal', { priority: 'high', priority_rule: 'high' })).toBe('high');
    expect(submissionPriority('low', { priority: 'high', priority_rule: 'high' })).toBe('high');
    expect(submissionPriority('urgent', { priority: 'high', priority_rule: 'high' })).toBe('urgent');
    expect(submissionPriority('normal', { priority: 'normal', priority_rule: null })).toBe('normal');
  });

  it('reads the title, then the description', () => {
    expect(triageTextOf('Ổ gà', 'Rất sâu')).toBe('Ổ gà\nRất sâu');
    expect(triageTextOf(null, 'Rất sâu')).toBe('Rất sâu');
    expect(triageTextOf('  ', 'Rất sâu')).toBe('Rất sâu');
  });
});
