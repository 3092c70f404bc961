-- The city dashboard's roll-up. The cases rows (derived from the timeline) stay the truth;
-- the dashboard reads pre-aggregated counts instead of scanning a year of cases per view.
--
-- Writers never touch the roll-up itself, so they never wait on each other for it: a trigger
-- logs, in the same transaction, the before and after image of every case whose measures
-- changed (dashboard_deltas, append-only). The dashboard folds that log into
-- dashboard_rollup (one transaction, one folder at a time) and reads the roll-up plus the
-- log entries not folded yet, so its numbers are right at every moment. How a case counts
-- (received, open, on time, ...) is defined once, in src/modules/dashboard/contribution.ts.

-- The columns of a cases row that the measures read (created_at is the case's), under the
-- same names; weight +1 adds the row, -1 takes it away. Append-only until folded.
CREATE TABLE dashboard_deltas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  weight smallint NOT NULL CHECK (weight IN (-1, 1)),
  created_at timestamptz NOT NULL,
  state text NOT NULL,
  category_id bigint,
  agency_id bigint,
  area_id bigint,
  channel text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  first_response_at timestamptz,
  resolved_at timestamptz,
  due_at timestamptz,
  rating integer,
  reopen_count integer NOT NULL
);

-- Rows come and go all day (the fold deletes what it folded): vacuumed often, so that
-- readers, who scan the log, do not wade through dead rows.
ALTER TABLE dashboard_deltas SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                                  autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);

CREATE FUNCTION dashboard_log_inserted_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_deltas (weight, created_at, state, category_id, agency_id, area_id, channel, lat, lon,
                                first_response_at, resolved_at, due_at, rating, reopen_count)
  SELECT 1, n.created_at, n.state, n.category_id, n.agency_id, n.area_id, n.channel, n.lat, n.lon,
         n.first_response_at, n.resolved_at, n.due_at, n.rating, n.reopen_count
    FROM new_rows n;
  RETURN NULL;
END $$;

-- Most case events (notes, reminders, supporters) change nothing the dashboard counts: only
-- rows whose measured columns changed are logged.
CREATE FUNCTION dashboard_log_updated_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_deltas (weight, created_at, state, category_id, agency_id, area_id, channel, lat, lon,
                                first_response_at, resolved_at, due_at, rating, reopen_count)
  SELECT image.*
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id
   CROSS JOIN LATERAL (VALUES
     (-1::smallint, o.created_at, o.state, o.category_id, o.agency_id, o.area_id, o.channel, o.lat, o.lon,
      o.first_response_at, o.resolved_at, o.due_at, o.rating, o.reopen_count),
     (1::smallint, n.created_at, n.state, n.category_id, n.agency_id, n.area_id, n.channel, n.lat, n.lon,
      n.first_response_at, n.resolved_at, n.due_at, n.rating, n.reopen_count)
   ) AS image
   WHERE (o.created_at, o.state, o.category_id, o.agency_id, o.area_id, o.channel, o.lat, o.lon,
          o.first_response_at, o.resolved_at, o.due_at, o.rating, o.reopen_count)
         IS DISTINCT FROM
         (n.created_at, n.state, n.category_id, n.agency_id, n.area_id, n.channel, n.lat, n.lon,
          n.first_response_at, n.resolved_at, n.due_at, n.rating, n.reopen_count);
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_log_deleted_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_deltas (weight, created_at, state, category_id, agency_id, area_id, channel, lat, lon,
                                first_response_at, resolved_at, due_at, rating, reopen_count)
  SELECT -1, o.created_at, o.state, o.category_id, o.agency_id, o.area_id, o.channel, o.lat, o.lon,
         o.first_response_at, o.resolved_at, o.due_at, o.rating, o.reopen_count
    FROM old_rows o;
  RETURN NULL;
END $$;

-- Statement triggers: intake writes a batch of cases in one statement, logged in one insert.
CREATE TRIGGER cases_dashboard_inserted AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_log_inserted_cases();
CREATE TRIGGER cases_dashboard_updated AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_log_updated_cases();
CREATE TRIGGER cases_dashboard_deleted AFTER DELETE ON cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_log_deleted_cases();

-- The roll-up: one row per grain, span, period and key. A grain is a set of dimensions (the
-- bit mask GROUPING() gives: category 16, agency 8, area 4, channel 2, cell 1, set when the
-- dimension is NOT part of the grain); a dimension outside the grain holds 0 or '', and
-- inside it 0 stands for "none" (no category yet, no agency yet, outside every area).
-- span 'd': one day (local to the city); 'm': a calendar month, day being its first day.
CREATE TABLE dashboard_rollup (
  grain smallint NOT NULL,
  span char(1) NOT NULL CHECK (span IN ('d', 'm')),
  day date NOT NULL,
  category_id bigint NOT NULL DEFAULT 0,
  agency_id bigint NOT NULL DEFAULT 0,
  area_id bigint NOT NULL DEFAULT 0,
  channel text NOT NULL DEFAULT '',
  -- a square of 0.005 degrees (about 550 m) for the heat map, see contribution.ts
  cell bigint NOT NULL DEFAULT 0,
  received integer NOT NULL,
  open integer NOT NULL,
  resolved integer NOT NULL,
  rejected integer NOT NULL,
  on_time integer NOT NULL,
  due_resolved integer NOT NULL,
  rated integer NOT NULL,
  satisfied integer NOT NULL,
  reopened integer NOT NULL,
  resolved_ever integer NOT NULL,
  -- sparse histograms of the hours to first response and to resolution, for the medians:
  -- each element is bucket * 2^32 + count, buckets ascending (see histogram.ts)
  first_response_hist bigint[] NOT NULL DEFAULT '{}',
  resolve_hist bigint[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (grain, span, day, category_id, agency_id, area_id, channel, cell)
);
-- keys every case left (a transfer, a recategorisation) are removed after each fold
CREATE INDEX dashboard_rollup_empty ON dashboard_rollup (grain) WHERE received = 0;

-- Adds two sparse histograms (either may hold negative counts: a fold takes cases away);
-- buckets whose count comes to zero disappear.
CREATE FUNCTION dashboard_hist_add(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(bucket * 4294967296 + n ORDER BY bucket), '{}')
    FROM (
      SELECT (e + 2147483648) >> 32 AS bucket, sum(e - (((e + 2147483648) >> 32) << 32))::bigint AS n
        FROM unnest(a || b) AS e
       GROUP BY 1
    ) s
   WHERE n <> 0
$$;

-- What existed before this migration enters through the log like any later change.
INSERT INTO dashboard_deltas (weight, created_at, state, category_id, agency_id, area_id, channel, lat, lon,
                              first_response_at, resolved_at, due_at, rating, reopen_count)
SELECT 1, created_at, state, category_id, agency_id, area_id, channel, lat, lon,
       first_response_at, resolved_at, due_at, rating, reopen_count
  FROM cases;

-- "Open and past its deadline" (the queue's overdue flag) for the dashboard: running cases
-- are a small share of all cases, so this index holds few rows, and with the columns the
-- dashboard filters and groups by, it answers without reading the cases themselves.
CREATE INDEX cases_running_due ON cases (due_at) INCLUDE (created_at, category_id, agency_id, area_id, channel)
  WHERE state IN ('assigned', 'in_progress', 'reopened');

-- The queue's usual first page: the open cases of a category (a few hundred among a million
-- cases), in whatever order the operator sorts them. The state list must match OPEN_STATES
-- (src/shared/cases.ts) word for word, as for cases_open_location.
CREATE INDEX cases_open_category ON cases (category_id, created_at DESC)
  WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened');
