-- 0006: timeliness (business calendars, SLA policies and clocks, promises, notifications, estimates) and the platform's job leases.

CREATE TABLE "platform_jobs" (
    "name" TEXT NOT NULL CONSTRAINT "PK_platform_jobs" PRIMARY KEY,
    "next_run_at" TEXT NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" TEXT NULL,
    "last_started_at" TEXT NULL,
    "last_finished_at" TEXT NULL,
    "last_result" TEXT NULL,
    "last_failed" INTEGER NOT NULL,
    "runs" INTEGER NOT NULL
);

CREATE TABLE "timeliness_calendars" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_calendars" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "time_zone_id" TEXT NOT NULL,
    "is_default" INTEGER NOT NULL,
    "weekly_periods" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "timeliness_estimates" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_estimates" PRIMARY KEY AUTOINCREMENT,
    "level" TEXT NOT NULL,
    "service_id" INTEGER NULL,
    "channel" TEXT NULL,
    "priority" TEXT NULL,
    "median_seconds" INTEGER NOT NULL,
    "p80_seconds" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "computed_at" TEXT NOT NULL
);

CREATE TABLE "timeliness_holidays" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_holidays" PRIMARY KEY AUTOINCREMENT,
    "calendar_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NULL,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "end_month" INTEGER NULL,
    "end_day" INTEGER NULL,
    CONSTRAINT "FK_timeliness_holidays_timeliness_calendars_calendar_id" FOREIGN KEY ("calendar_id") REFERENCES "timeliness_calendars" ("id") ON DELETE CASCADE
);

CREATE TABLE "timeliness_sla_policies" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_sla_policies" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "channel" TEXT NULL,
    "priority" TEXT NULL,
    "customer_type" TEXT NULL,
    "calendar_id" INTEGER NULL,
    "first_response_minutes" INTEGER NULL,
    "next_response_minutes" INTEGER NULL,
    "resolution_minutes" INTEGER NULL,
    "warning_percent" INTEGER NOT NULL,
    "notify_supervisors" INTEGER NOT NULL,
    "raise_priority" INTEGER NOT NULL,
    "escalate_to_team_id" INTEGER NULL,
    "is_active" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_timeliness_sla_policies_people_teams_escalate_to_team_id" FOREIGN KEY ("escalate_to_team_id") REFERENCES "people_teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_timeliness_sla_policies_timeliness_calendars_calendar_id" FOREIGN KEY ("calendar_id") REFERENCES "timeliness_calendars" ("id") ON DELETE SET NULL
);

CREATE TABLE "timeliness_promises" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_promises" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    "team_id" INTEGER NULL,
    "created_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NULL,
    "renegotiated_from_id" INTEGER NULL,
    "closed_at" TEXT NULL,
    "closed_by_id" TEXT NULL,
    "reminded_at" TEXT NULL,
    "overdue_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_timeliness_promises_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_timeliness_promises_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_timeliness_promises_people_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "people_teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_timeliness_promises_timeliness_promises_renegotiated_from_id" FOREIGN KEY ("renegotiated_from_id") REFERENCES "timeliness_promises" ("id") ON DELETE SET NULL
);

CREATE TABLE "timeliness_sla_clocks" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_sla_clocks" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "policy_id" INTEGER NULL,
    "calendar_id" INTEGER NULL,
    "target_minutes" INTEGER NOT NULL,
    "warning_percent" INTEGER NOT NULL,
    "started_at" TEXT NOT NULL,
    "due_at" TEXT NULL,
    "warn_at" TEXT NULL,
    "paused_since" TEXT NULL,
    "pauses" TEXT NOT NULL,
    "satisfied_at" TEXT NULL,
    "warned_at" TEXT NULL,
    "breached_at" TEXT NULL,
    CONSTRAINT "FK_timeliness_sla_clocks_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_timeliness_sla_clocks_timeliness_sla_policies_policy_id" FOREIGN KEY ("policy_id") REFERENCES "timeliness_sla_policies" ("id") ON DELETE SET NULL
);

CREATE TABLE "timeliness_notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_timeliness_notifications" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "team_id" INTEGER NULL,
    "interaction_id" INTEGER NULL,
    "promise_id" INTEGER NULL,
    "detail" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "FK_timeliness_notifications_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_timeliness_notifications_timeliness_promises_promise_id" FOREIGN KEY ("promise_id") REFERENCES "timeliness_promises" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ux_timeliness_calendars_default" ON "timeliness_calendars" ("is_default") WHERE is_default = TRUE;

CREATE INDEX "IX_timeliness_holidays_calendar_id" ON "timeliness_holidays" ("calendar_id");

CREATE INDEX "IX_timeliness_notifications_interaction_id" ON "timeliness_notifications" ("interaction_id");

CREATE INDEX "IX_timeliness_notifications_promise_id" ON "timeliness_notifications" ("promise_id");

CREATE INDEX "IX_timeliness_notifications_team_id_created_at" ON "timeliness_notifications" ("team_id", "created_at");

CREATE INDEX "IX_timeliness_notifications_user_id_created_at" ON "timeliness_notifications" ("user_id", "created_at");

CREATE INDEX "IX_timeliness_promises_customer_id" ON "timeliness_promises" ("customer_id");

CREATE INDEX "IX_timeliness_promises_interaction_id_created_at" ON "timeliness_promises" ("interaction_id", "created_at");

CREATE INDEX "IX_timeliness_promises_renegotiated_from_id" ON "timeliness_promises" ("renegotiated_from_id");

CREATE INDEX "IX_timeliness_promises_status_closed_at" ON "timeliness_promises" ("status", "closed_at");

CREATE INDEX "IX_timeliness_promises_status_due_at" ON "timeliness_promises" ("status", "due_at");

CREATE INDEX "IX_timeliness_promises_team_id" ON "timeliness_promises" ("team_id");

CREATE INDEX "IX_timeliness_sla_clocks_due_at" ON "timeliness_sla_clocks" ("due_at");

CREATE INDEX "IX_timeliness_sla_clocks_interaction_id_kind" ON "timeliness_sla_clocks" ("interaction_id", "kind");

CREATE INDEX "IX_timeliness_sla_clocks_policy_id" ON "timeliness_sla_clocks" ("policy_id");

CREATE INDEX "ix_timeliness_sla_clocks_running_due" ON "timeliness_sla_clocks" ("due_at") WHERE satisfied_at IS NULL AND breached_at IS NULL;

CREATE INDEX "ix_timeliness_sla_clocks_running_warn" ON "timeliness_sla_clocks" ("warn_at") WHERE satisfied_at IS NULL AND warned_at IS NULL;

CREATE INDEX "IX_timeliness_sla_policies_calendar_id" ON "timeliness_sla_policies" ("calendar_id");

CREATE INDEX "IX_timeliness_sla_policies_escalate_to_team_id" ON "timeliness_sla_policies" ("escalate_to_team_id");
