// The classifier the server runs with, built from the configuration at start.
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.js';
import type { Queryable } from '../../platform/db/index.js';
import { listCategories } from '../categories/service.js';
import { createClassifier, loadTriageModel, type TriageClassifier } from './service.js';

export async function createTriageClassifier(config: Config, db: Queryable, log: Logger): Promise<TriageClassifier> {
  const builtIn = await loadTriageModel({ path: config.triageModelPath, log: (line) => log.info(line) });
  const external = config.triageExternal;
  return createClassifier({
    builtIn,
    externalUrl: external?.url,
    externalModel: external?.model,
    externalApiKey: external?.apiKey,
    timeoutMs: external?.timeoutMs ?? 1500,
    categories: external ? await listCategories(db) : undefined,
    log: (message, details) => log.warn(details ?? {}, message),
  });
}
