-- API clients: machines and other systems (Open311 clients, cameras, sensors) that file and
-- follow reports with an API key. Only a SHA-256 of the key is stored; its first characters
-- are kept to tell keys apart in the admin list. Each client acts through its own service
-- user (a citizen row named after the client), which is the reporter of what it files.

CREATE TABLE api_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['report', 'update', 'read']::text[]),
  -- set: the client speaks for this agency (it may post updates on the agency's cases)
  agency_id bigint REFERENCES agencies (id),
  service_user_id uuid NOT NULL UNIQUE REFERENCES users (id),
  key_hash text NOT NULL UNIQUE,
  key_prefix text NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_clients_agency_id ON api_clients (agency_id);
CREATE TRIGGER api_clients_updated_at BEFORE UPDATE ON api_clients FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- What an Open311 request carried beyond the report itself: the contact of the person behind
-- it and the URL of a photo. Staff only: never shown publicly, never in an Open311 answer.
CREATE TABLE open311_request_details (
  case_id uuid PRIMARY KEY REFERENCES cases (id),
  api_client_id uuid NOT NULL REFERENCES api_clients (id),
  email text,
  phone text,
  first_name text,
  last_name text,
  media_url text,
  device_id text,
  account_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- staff may correct a contact later, and the data is erased on request
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open311_request_details_client ON open311_request_details (api_client_id);
CREATE TRIGGER open311_request_details_updated_at BEFORE UPDATE ON open311_request_details
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
