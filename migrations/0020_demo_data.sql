-- Demo data written on the first start of a demo city pack: one row per writer (the demo
-- cases, later alerts, layers, ...). A server claims a writer by inserting its row under an
-- advisory lock, writes, then marks it written; any later start (or a second server starting
-- at once) finds the row and writes nothing. A writer that finds the database already in use
-- records that it skipped.
CREATE TABLE demo_data (
  writer text PRIMARY KEY,
  state text NOT NULL DEFAULT 'writing' CHECK (state IN ('writing', 'written')),
  summary jsonb NOT NULL DEFAULT '{}',
  written_at timestamptz,
  -- created_at is when a server claimed the writer
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
