-- Photos, video and audio attached to reports: one row per upload. Stored objects are named
-- by the SHA-256 of the original bytes, so rows with the same content share them. Cases link
-- to media in their own table; this one knows nothing of cases.

CREATE TABLE media (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  kind text NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
  -- the content type read from the bytes, never the one the client declared
  mime text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  -- the name on the citizen's device, cleaned of folders and control characters
  original_name text NOT NULL CHECK (char_length(original_name) BETWEEN 1 AND 200),
  -- storage keys: the original (kept for staff) and, for images, the re-encoded public copy
  -- and thumbnail, which carry no EXIF/GPS metadata
  original_key text NOT NULL,
  public_key text,
  thumbnail_key text,
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  -- what the photo's EXIF says, offered to the citizen and staff as a suggestion
  exif_lat double precision CHECK (exif_lat BETWEEN -90 AND 90),
  exif_lon double precision CHECK (exif_lon BETWEEN -180 AND 180),
  exif_taken_at timestamptz,
  -- set by the module that uses the file (a case made public); the public copy and thumbnail
  -- are served to anyone only then
  public boolean NOT NULL DEFAULT false,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'image') = (public_key IS NOT NULL AND thumbnail_key IS NOT NULL)),
  CHECK ((exif_lat IS NULL) = (exif_lon IS NULL))
);
-- discardMedia asks whether any other row still holds the same content
CREATE INDEX media_sha256 ON media (sha256);
CREATE INDEX media_uploaded_by ON media (uploaded_by);
CREATE TRIGGER media_updated_at BEFORE UPDATE ON media FOR EACH ROW EXECUTE FUNCTION set_updated_at();
