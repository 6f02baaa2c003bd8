-- 0004: indexes for the audit log page (filter by table or by person, page newest first by (at, id)).

CREATE INDEX "IX_audit_entries_entity_at_id" ON "audit_entries" ("entity", "at", "id");

CREATE INDEX "IX_audit_entries_user_name_at_id" ON "audit_entries" ("user_name", "at", "id");
