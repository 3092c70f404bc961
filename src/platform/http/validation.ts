// Request validation with two Ajv instances: query strings, parameters and headers arrive
// as text and are coerced to their types; JSON bodies are not, so that "16.4" for a number
// or ["a"] for a string is a 400 rather than silently turned into something else. Unknown
// fields are an error in both, never dropped.
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, allErrors: true, coerceTypes, strict: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance): void {
  const forText = makeAjv('array');
  const forBody = makeAjv(false);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? forBody : forText).compile(schema as FastifySchema & object),
  );
}
