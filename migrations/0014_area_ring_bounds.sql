-- Area lookup first picks the rings whose bounding box holds the point. On the polygon itself
-- that test (&&) also checks the polygon's edges against the box, which on a city's outline of
-- hundreds of points was most of the lookup's cost, and the exact test (@>) follows anyway.
-- The box is kept beside the ring and indexed instead.
ALTER TABLE area_rings ADD COLUMN bounds box GENERATED ALWAYS AS (box(shape)) STORED;
CREATE INDEX area_rings_bounds ON area_rings USING gist (bounds) WHERE NOT is_hole;
CREATE INDEX area_rings_hole_bounds ON area_rings USING gist (bounds) WHERE is_hole;
DROP INDEX area_rings_shape;
DROP INDEX area_rings_holes;
