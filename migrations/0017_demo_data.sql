-- Demo data written on the first start of a demo city pack: one row per writer (the demo
-- cases, later alerts, layers, ...) once its data is in. A second start finds the row and
-- writes nothing; the writer that finds the database already in use records that it skipped.
CREATE TABLE demo_data (
  writer text PRIMARY KEY,
  summary jsonb NOT NULL DEFAULT '{}',
  written_at timestamptz NOT NULL DEFAULT now()
);
