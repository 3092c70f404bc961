-- Live updates: every change to a case is announced on the channel case_changes, so that each
-- server instance can push it to the staff screens it serves. NOTIFY is transactional: the
-- announcement leaves on commit, and never for a change rolled back. The payload is small
-- (well under NOTIFY's 8000 bytes) and holds no personal data: ids, the code, the state.
--
-- The cases row is written after its event (timeline.ts), so a trigger on cases sees the new
-- state and agency, the previous agency (a case transferred away leaves that agency's queue),
-- and the event that caused the change, already inserted in the same transaction.
-- The triggers run once per statement over its rows (intake inserts many cases at once).

CREATE FUNCTION notify_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('case_changes', json_build_object(
    'case_id', n.id,
    'code', n.code,
    'type', 'submitted',
    'state', n.state,
    'version', n.version,
    'agency_id', n.agency_id,
    'previous_agency_id', NULL
  )::text)
  FROM new_rows n;
  RETURN NULL;
END $$;

CREATE FUNCTION notify_cases_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('case_changes', json_build_object(
    'case_id', n.id,
    'code', n.code,
    'type', (SELECT e.type FROM case_events e WHERE e.case_id = n.id ORDER BY e.id DESC LIMIT 1),
    'state', n.state,
    'version', n.version,
    'agency_id', n.agency_id,
    'previous_agency_id', o.agency_id
  )::text)
  FROM new_rows n JOIN old_rows o ON o.id = n.id;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_notify_inserted AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_cases_inserted();
CREATE TRIGGER cases_notify_updated AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_cases_updated();
