-- The operators' queue reads the open cases (under one percent of all cases) in one of three
-- orders. Each index below holds the open cases in one order, with the columns the queue's
-- filters test, so that a first page reads about as many entries as it shows instead of every
-- open case of a category followed by a sort. The key expressions are the queue's sort keys
-- (src/modules/cases/queue.ts) and the state list is OPEN_STATES (src/shared/cases.ts), both
-- word for word, as the planner matches them literally.
CREATE INDEX cases_open_by_priority
  ON cases ((CASE priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END) DESC,
            created_at DESC, id DESC)
  INCLUDE (state, priority, category_id, area_id, agency_id, channel, due_at)
  WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened');

CREATE INDEX cases_open_newest
  ON cases (created_at DESC, id DESC)
  INCLUDE (state, priority, category_id, area_id, agency_id, channel, due_at)
  WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened');

CREATE INDEX cases_open_by_due
  ON cases ((coalesce(due_at, 'infinity'::timestamptz)), id)
  INCLUDE (state, priority, category_id, area_id, agency_id, channel)
  WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened');
