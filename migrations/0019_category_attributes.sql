-- The details a category asks of a report beside its text (the pole number of a street
-- light, the size of a pothole), as the city pack defines them: Open311 service attributes.
-- A list of definitions, checked when the pack is validated (packs/validate.ts); the values
-- a report gives are kept in its submitted event, with the rest of what the citizen sent.
ALTER TABLE categories ADD COLUMN attributes jsonb NOT NULL DEFAULT '[]'::jsonb;

-- Updates posted by Open311 clients (POST servicerequestupdates), by the client's own
-- update_id: a repeated update_id answers the event it made the first time, and the person
-- a front end names (first_name, last_name, email) is kept for staff, never shown publicly.
CREATE TABLE open311_updates (
  api_client_id uuid NOT NULL REFERENCES api_clients (id),
  client_update_id text NOT NULL,
  case_id uuid NOT NULL REFERENCES cases (id),
  event_id bigint NOT NULL REFERENCES case_events (id),
  email text,
  first_name text,
  last_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (api_client_id, client_update_id)
);
CREATE INDEX open311_updates_case ON open311_updates (case_id);
