-- Cases: a citizen's report and everything that happens to it. The timeline (case_events)
-- is append-only and is the truth; the cases row is derived from it in the same transaction
-- and holds what queues, maps and measures read.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE case_number_seq;

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- readable code, e.g. HUE-2611-000123 (city, year and month of submission, number)
  code text NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen',
    'resolved', 'closed', 'reopened', 'rejected', 'merged')),
  -- optimistic concurrency: every change bumps it; a stale version is a 409
  version integer NOT NULL DEFAULT 1,
  title text,
  description text NOT NULL,
  -- description and title without diacritics, lower-cased: search works with or without accents
  search_text text NOT NULL,
  category_id bigint REFERENCES categories (id),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  address text,
  area_id bigint REFERENCES areas (id),
  channel text NOT NULL CHECK (channel IN ('app', 'web', 'hotline', 'open311', 'sensor', 'assistant')),
  anonymous boolean NOT NULL DEFAULT false,
  reporter_id uuid REFERENCES users (id),
  idempotency_key text,
  agency_id bigint REFERENCES agencies (id),
  merged_into_id uuid REFERENCES cases (id),
  reject_reason text,
  -- SLA: the deadline runs from assignment and is pushed back while waiting for the citizen
  assigned_at timestamptz,
  due_at timestamptz,
  sla_paused_at timestamptz,
  reminded_at timestamptz,
  escalated_at timestamptz,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment text,
  reopen_count integer NOT NULL DEFAULT 0,
  supporter_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reporter_id, idempotency_key)
);
CREATE TRIGGER cases_updated_at BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE INDEX cases_queue ON cases (state, priority, created_at DESC);
CREATE INDEX cases_agency ON cases (agency_id, state, due_at);
CREATE INDEX cases_reporter ON cases (reporter_id, created_at DESC);
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX cases_due ON cases (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX cases_resolved ON cases (resolved_at) WHERE state = 'resolved';
CREATE INDEX cases_location ON cases USING gist (point(lon, lat));
CREATE INDEX cases_search ON cases USING gin (search_text gin_trgm_ops);

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  type text NOT NULL,
  -- null for the system (timers)
  actor_id uuid REFERENCES users (id),
  actor_role text,
  -- public: the citizen and the public see it; otherwise staff only (internal notes, routing)
  public boolean NOT NULL,
  from_state text,
  to_state text,
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- Attachments: of the report, of a citizen's reply, or the proof of a resolution.
CREATE TABLE case_media (
  case_id uuid NOT NULL REFERENCES cases (id),
  media_id uuid NOT NULL REFERENCES media (id),
  event_id bigint NOT NULL REFERENCES case_events (id),
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, media_id)
);
CREATE INDEX case_media_media ON case_media (media_id);

-- Citizens who follow a case: its reporter, reporters of cases merged into it, supporters.
CREATE TABLE case_followers (
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL CHECK (reason IN ('reporter', 'merged', 'supporter')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_followers_user ON case_followers (user_id, created_at DESC);

-- The in-app inbox of citizens and staff.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  case_id uuid REFERENCES cases (id),
  event_id bigint REFERENCES case_events (id),
  kind text NOT NULL,
  title_vi text NOT NULL,
  title_en text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER notifications_updated_at BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE INDEX notifications_inbox ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
