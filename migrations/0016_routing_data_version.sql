-- Routing's answer for a category and an area changes only when the city's routing data does
-- (areas, agencies and what they cover, categories, overrides). This counter moves with every
-- change to that data, so that a server may keep the answers it worked out and know when to
-- drop them: the staff queue shows routing's advice on every page (routing/advice.ts).
CREATE TABLE routing_data_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO routing_data_version DEFAULT VALUES;

CREATE FUNCTION bump_routing_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE routing_data_version SET version = version + 1, updated_at = now();
  RETURN NULL;
END $$;

-- one statement trigger per table routing reads
DO $$
DECLARE
  routing_table text;
BEGIN
  FOREACH routing_table IN ARRAY ARRAY['areas', 'area_rings', 'agencies', 'agency_areas', 'categories', 'routing_overrides']
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version()',
      routing_table || '_routing_data', routing_table);
  END LOOP;
END $$;
