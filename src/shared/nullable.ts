// A value or null in the API's schemas. Written the OpenAPI way (nullable) when the schema has
// a single type, rather than as anyOf: the response serializer then writes the value as it is,
// where for anyOf it runs the validator on every value to choose a branch (a page of the queue
// or a year's series by day holds hundreds of them). Validation reads both the same way.
import Type, { type Static, type TSchema } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T> | null>(
    typeof (schema as { type?: unknown }).type === 'string'
      ? { ...schema, nullable: true }
      : Type.Union([schema, Type.Null()]),
  );
