-- Live updates: every change to a case is announced on the channel case_changes, so that each
-- server instance can push it to the staff screens it serves. NOTIFY is transactional: the
-- announcement leaves on commit, and never for a change rolled back. The payload is small
-- (well under NOTIFY's 8000 bytes) and holds no personal data: ids, the code, the state.
--
-- The cases row is written after its event (timeline.ts), so a trigger on cases sees the new
-- state and agency, the previous agency (a case transferred away leaves that agency's queue),
-- and the event that caused the change, already inserted in the same transaction.

CREATE FUNCTION notify_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_type text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    event_type := 'submitted';
  ELSE
    SELECT type INTO event_type FROM case_events WHERE case_id = NEW.id ORDER BY id DESC LIMIT 1;
  END IF;
  PERFORM pg_notify('case_changes', json_build_object(
    'case_id', NEW.id,
    'code', NEW.code,
    'type', event_type,
    'state', NEW.state,
    'version', NEW.version,
    'agency_id', NEW.agency_id,
    'previous_agency_id', CASE WHEN TG_OP = 'UPDATE' THEN OLD.agency_id END
  )::text);
  RETURN NULL;
END $$;

CREATE TRIGGER cases_notify_change AFTER INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION notify_case_change();
