-- Intake flags the same text sent again by the same person within a day: this index finds
-- such a repeat without reading the person's other reports.
CREATE INDEX cases_reporter_text ON cases (reporter_id, md5(description), created_at);
