-- Routing overrides: the city's own exceptions to the routing rule. Reports of a category
-- inside an area (or any area below it) go to the agency named here, before routing looks
-- for the narrowest agency of the category's kind. The narrowest override wins; one per
-- category and area.

CREATE TABLE routing_overrides (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  category_id bigint NOT NULL REFERENCES categories (id),
  area_id bigint NOT NULL REFERENCES areas (id),
  agency_id bigint NOT NULL REFERENCES agencies (id),
  -- why the city set it, for the next administrator
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (category_id, area_id)
);
CREATE INDEX routing_overrides_agency_id ON routing_overrides (agency_id);
CREATE TRIGGER routing_overrides_updated_at BEFORE UPDATE ON routing_overrides
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
