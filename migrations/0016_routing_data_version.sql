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

CREATE TRIGGER areas_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
CREATE TRIGGER area_rings_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON area_rings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
CREATE TRIGGER agencies_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
CREATE TRIGGER agency_areas_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
CREATE TRIGGER categories_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
CREATE TRIGGER routing_overrides_routing_data AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION bump_routing_data_version();
