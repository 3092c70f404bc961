-- Reference data of a city pack: the tree of administrative areas with their boundaries,
-- the agencies that act on reports, and the categories of reports.

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE city_packs (
  code text PRIMARY KEY,
  name text NOT NULL,
  demo boolean NOT NULL DEFAULT false,
  checksum text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER city_packs_updated_at BEFORE UPDATE ON city_packs FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE areas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL,
  level integer NOT NULL,
  parent_id bigint REFERENCES areas (id),
  -- depth in the tree (root 0): the deepest area containing a point is the smallest one
  depth integer NOT NULL,
  center_lon double precision,
  center_lat double precision,
  approximate boolean NOT NULL DEFAULT false,
  properties jsonb NOT NULL DEFAULT '{}',
  -- the GeoJSON geometry as imported, returned to clients that draw boundaries
  geometry jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX areas_parent_id ON areas (parent_id);
CREATE TRIGGER areas_updated_at BEFORE UPDATE ON areas FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One row per ring of an area's (multi)polygon, in native geometric types so that a GiST
-- index answers "which areas contain this point" without a scan of every polygon.
CREATE TABLE area_rings (
  area_id bigint NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  part integer NOT NULL,
  ring integer NOT NULL,
  is_hole boolean NOT NULL,
  shape polygon NOT NULL,
  PRIMARY KEY (area_id, part, ring)
);
CREATE INDEX area_rings_shape ON area_rings USING gist (shape);

CREATE TABLE agencies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  parent_id bigint REFERENCES agencies (id),
  -- the agency kinds (categories.agency_kind) this agency takes
  handles text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER agencies_updated_at BEFORE UPDATE ON agencies FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE agency_areas (
  agency_id bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  area_id bigint NOT NULL REFERENCES areas (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, area_id)
);
CREATE INDEX agency_areas_area_id ON agency_areas (area_id);

CREATE TABLE categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_vi text NOT NULL,
  name_en text NOT NULL,
  examples_en text NOT NULL DEFAULT '',
  agency_kind text NOT NULL,
  sla_hours integer NOT NULL CHECK (sla_hours > 0),
  default_priority text NOT NULL CHECK (default_priority IN ('low', 'normal', 'high', 'urgent')),
  sort_order integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER categories_updated_at BEFORE UPDATE ON categories FOR EACH ROW EXECUTE FUNCTION set_updated_at();
