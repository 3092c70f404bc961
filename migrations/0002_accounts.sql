-- People who use CityPulse, their sign-in sessions and tokens, one-time codes, and the
-- counters that slow down guessing.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role text NOT NULL CHECK (role IN ('citizen', 'operator', 'agency_staff', 'agency_admin', 'admin')),
  -- citizens sign in by phone (E.164), staff by email (stored lower-case)
  phone text UNIQUE,
  email text UNIQUE,
  display_name text NOT NULL DEFAULT '',
  password_hash text,
  must_change_password boolean NOT NULL DEFAULT false,
  agency_id bigint REFERENCES agencies (id),
  disabled_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (phone IS NOT NULL OR email IS NOT NULL),
  -- agency roles are bound to exactly one agency; other roles to none
  CHECK ((role IN ('agency_staff', 'agency_admin')) = (agency_id IS NOT NULL))
);
CREATE INDEX users_agency_id ON users (agency_id);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Web cookies and bearer tokens are both sessions; only a hash of the secret is stored.
CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('cookie', 'bearer')),
  label text NOT NULL DEFAULT '',
  ip text,
  user_agent text,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE TRIGGER sessions_updated_at BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE otp_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_codes_phone ON otp_codes (phone, created_at DESC);
CREATE TRIGGER otp_codes_updated_at BEFORE UPDATE ON otp_codes FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Sliding-window rate limits kept in the database so that every server instance sees the
-- same counts (bucket: e.g. 'otp:phone:+84905...', 'login:ip:1.2.3.4').
CREATE TABLE rate_limit_hits (
  bucket text NOT NULL,
  hit_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_hits_bucket ON rate_limit_hits (bucket, hit_at);
