// How well the city answers, computed from what the timeline recorded (first response,
// resolution, deadline, rating, reopenings), never typed in.
import type { Queryable } from '../../platform/db/index.js';

export interface MeasureFilter {
  from?: string;
  to?: string;
  category?: string;
  agency?: string;
  area?: string;
}

export interface Measures {
  received: number;
  open: number;
  resolved: number;
  rejected: number;
  median_hours_to_first_response: number | null;
  median_hours_to_resolve: number | null;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
  rated: number;
  reopen_rate: number | null;
}

export async function computeMeasures(db: Queryable, filter: MeasureFilter): Promise<Measures> {
  const { rows } = await db.query<Measures>(
    `WITH scope AS (
       SELECT c.* FROM cases c
         LEFT JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN agencies ag ON ag.id = c.agency_id
         LEFT JOIN areas ar ON ar.id = c.area_id
        WHERE ($1::timestamptz IS NULL OR c.created_at >= $1) AND ($2::timestamptz IS NULL OR c.created_at < $2)
          AND ($3::text IS NULL OR cat.code = $3) AND ($4::text IS NULL OR ag.code = $4) AND ($5::text IS NULL OR ar.code = $5)
          AND c.state <> 'merged'
     )
     SELECT count(*)::int AS received,
            count(*) FILTER (WHERE state IN ('submitted', 'triaged', 'assigned', 'in_progress', 'waiting_for_citizen', 'reopened'))::int AS open,
            count(*) FILTER (WHERE state IN ('resolved', 'closed'))::int AS resolved,
            count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at) / 3600)
              FILTER (WHERE first_response_at IS NOT NULL) AS median_hours_to_first_response,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600)
              FILTER (WHERE resolved_at IS NOT NULL AND state IN ('resolved', 'closed')) AS median_hours_to_resolve,
            (count(*) FILTER (WHERE resolved_at <= due_at AND state IN ('resolved', 'closed'))::float
              / nullif(count(*) FILTER (WHERE due_at IS NOT NULL AND state IN ('resolved', 'closed')), 0)) AS on_time_rate,
            (count(*) FILTER (WHERE rating >= 4)::float / nullif(count(*) FILTER (WHERE rating IS NOT NULL), 0)) AS satisfaction_rate,
            count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated,
            (count(*) FILTER (WHERE reopen_count > 0)::float
              / nullif(count(*) FILTER (WHERE resolved_at IS NOT NULL), 0)) AS reopen_rate
       FROM scope`,
    [filter.from ?? null, filter.to ?? null, filter.category ?? null, filter.agency ?? null, filter.area ?? null],
  );
  return rows[0] as Measures;
}
