-- Rate limits and quotas as one counter row per bucket (say "reports:account:<id>"), moved by
-- one INSERT ... ON CONFLICT DO UPDATE that checks and counts in the same statement, so that
-- concurrent requests on any number of servers can never slip past a limit together
-- (src/platform/rate-limit.ts). A sliding window is estimated from two fixed ones: the count
-- of the current window plus the previous window's, weighted by the share of it still inside.
-- It replaces rate_limit_hits, a row per hit that was counted apart from being checked.
CREATE TABLE rate_limit_counters (
  bucket text PRIMARY KEY,
  window_seconds integer NOT NULL CHECK (window_seconds > 0),
  -- the limit in force when the bucket last counted (the statement needs it beside EXCLUDED)
  max_count bigint NOT NULL CHECK (max_count >= 0),
  -- the start of the current fixed window, a multiple of window_seconds since the epoch
  window_start timestamptz NOT NULL,
  current_count bigint NOT NULL CHECK (current_count >= 0),
  previous_count bigint NOT NULL CHECK (previous_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- the sweep forgets buckets idle for more than two of their windows
CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_start);

DROP TABLE rate_limit_hits;
