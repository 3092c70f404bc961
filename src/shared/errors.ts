import Type, { type Static } from 'typebox';

/** Every error answer of the API has this shape. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'What went wrong, for a person' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody', description: 'Error' },
);
export type ErrorBody = Static<typeof ErrorBody>;
