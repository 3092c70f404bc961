-- Area lookup reads rings deepest first and stops at the first that holds the point, so the
-- large outer rings (a whole city) are only tested when no smaller area matched. For that:
-- each ring's area, computed once; a small index of holes alone; and rings stored without
-- compression, as every lookup reads them.
ALTER TABLE area_rings ADD COLUMN ring_area double precision GENERATED ALWAYS AS (area(path(shape))) STORED;
CREATE INDEX area_rings_holes ON area_rings USING gist (shape) WHERE is_hole;
ALTER TABLE area_rings ALTER COLUMN shape SET STORAGE EXTERNAL;
