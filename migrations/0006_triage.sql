-- Triage: what the model suggested for each case, what staff corrected (the training data of
-- the next model), the per-category confidence above which a case is assigned without an
-- operator, and the index the duplicate search reads.

CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

-- Append-only: a case gets one at submission, and another whenever it is classified again.
CREATE TABLE triage_suggestions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  -- the built-in model's version, also when an external classifier answered
  model_version text NOT NULL,
  -- 'built_in', or 'external:<model>' when an external classifier answered in time
  classifier text NOT NULL DEFAULT 'built_in',
  category_code text NOT NULL,
  confidence real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  -- [{ "category": code, "confidence": 0..1 }], best first
  top3 jsonb NOT NULL,
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  priority_confidence real NOT NULL CHECK (priority_confidence BETWEEN 0 AND 1),
  -- what routing would pick for the suggested category at the case's location
  agency_code text,
  routing_explanation_vi text,
  routing_explanation_en text,
  abuse_reasons text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX triage_suggestions_case ON triage_suggestions (case_id, id DESC);
CREATE TRIGGER triage_suggestions_append_only BEFORE UPDATE OR DELETE ON triage_suggestions
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();

-- One row per changed field each time staff set a case's category or priority.
CREATE TABLE triage_corrections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  -- the text the model classifies (title and description) as it was when corrected
  text text NOT NULL,
  field text NOT NULL CHECK (field IN ('category', 'priority')),
  from_value text,
  to_value text,
  -- what the latest suggestion for the case said for this field (null: no suggestion)
  suggested_value text,
  -- the version of the model whose suggestion was corrected (null: no suggestion)
  model_version text,
  -- the case's category once corrected: corrections are reported by category
  category_code text,
  corrected_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX triage_corrections_case ON triage_corrections (case_id, id DESC);
CREATE INDEX triage_corrections_created ON triage_corrections (created_at);

-- A category's auto-assign threshold: a new case whose suggested category is this one with at
-- least this confidence goes straight to the routed agency. No row, or null: off.
CREATE TABLE auto_assign_thresholds (
  category_code text PRIMARY KEY REFERENCES categories (code),
  threshold real CHECK (threshold IS NULL OR threshold BETWEEN 0 AND 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER auto_assign_thresholds_updated_at BEFORE UPDATE ON auto_assign_thresholds
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The duplicate search asks "open cases within 50 m": most cases of a city's history are
-- closed, so an index over the open ones only is a fraction of cases_location and holds no
-- row the search would throw away. The list must match OPEN_STATES (src/shared/cases.ts)
-- word for word, or the planner cannot use it.
CREATE INDEX cases_open_location ON cases USING gist (point(lon, lat))
  WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened');
