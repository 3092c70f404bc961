// The shape of a stored media file as other modules and the API show it.
import Type, { type Static } from 'typebox';

export const LocationSuggestion = Type.Object(
  {
    lat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
    lon: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
    taken_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  {
    description:
      "What the photo's EXIF says about where and when it was taken; a suggestion to confirm, never taken as given",
  },
);

export type LocationSuggestion = Static<typeof LocationSuggestion>;

export const StoredMedia = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('image'), Type.Literal('video'), Type.Literal('audio')]),
    mime: Type.String({ description: 'The content type read from the bytes' }),
    size_bytes: Type.Integer({ minimum: 1 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    original_name: Type.String({ maxLength: 200 }),
    width: Type.Union([Type.Integer(), Type.Null()], { description: 'Images only, as displayed' }),
    height: Type.Union([Type.Integer(), Type.Null()]),
    suggestion: Type.Union([LocationSuggestion, Type.Null()]),
  },
  { description: 'A photo, video or audio file as received' },
);
export type StoredMedia = Static<typeof StoredMedia>;
