-- 0015: the resolution-time estimates (T3) read the most recent resolutions; at 1,000,000 interactions each
-- refresh scanned the whole table.

CREATE INDEX "IX_interactions_interactions_resolved_at" ON interactions_interactions (resolved_at);
