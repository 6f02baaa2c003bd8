-- 0001: the foundation schema (people, customers, services and stages, interactions, charter, audit, settings).

CREATE TABLE "admin_settings" (
    "key" TEXT NOT NULL CONSTRAINT "PK_admin_settings" PRIMARY KEY,
    "value" TEXT NOT NULL
);


CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "user_name" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL
);


CREATE TABLE "charter_goals" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_charter_goals" PRIMARY KEY AUTOINCREMENT,
    "parent_id" INTEGER NULL,
    "position" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    "body_ar" TEXT NOT NULL,
    "body_en" TEXT NULL,
    "body_fr" TEXT NULL,
    "title_ar" TEXT NOT NULL,
    "title_en" TEXT NULL,
    "title_fr" TEXT NULL,
    CONSTRAINT "FK_charter_goals_charter_goals_parent_id" FOREIGN KEY ("parent_id") REFERENCES "charter_goals" ("id") ON DELETE CASCADE
);


CREATE TABLE "charter_versions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_charter_versions" PRIMARY KEY AUTOINCREMENT,
    "number" INTEGER NOT NULL,
    "published_at" TEXT NOT NULL,
    "published_by" TEXT NULL,
    "note" TEXT NULL,
    "snapshot_json" TEXT NOT NULL
);


CREATE TABLE "customers_customers" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_customers_customers" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "organization" TEXT NULL,
    "type" TEXT NOT NULL,
    "how_to_deal" TEXT NULL,
    "motives" TEXT NULL,
    "consent_at" TEXT NULL,
    "consent_note" TEXT NULL,
    "education" TEXT NULL,
    "work_experience" TEXT NULL,
    "region" TEXT NULL,
    "customs" TEXT NULL,
    "interests" TEXT NULL,
    "lifecycle" TEXT NOT NULL,
    "lost_reason" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "interactions_statuses" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_interactions_statuses" PRIMARY KEY AUTOINCREMENT,
    "category" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "is_default" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "name_ar" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "name_fr" TEXT NULL
);


CREATE TABLE "people_api_tokens" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_people_api_tokens" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "revoked_at" TEXT NULL,
    "last_used_at" TEXT NULL
);


CREATE TABLE "people_roles" (
    "id" TEXT NOT NULL CONSTRAINT "PK_people_roles" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);


CREATE TABLE "people_teams" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_people_teams" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "description" TEXT NULL,
    "is_active" INTEGER NOT NULL
);


CREATE TABLE "people_users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_people_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "culture" TEXT NOT NULL,
    "digits" TEXT NOT NULL,
    "calendar" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "customer_id" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);


CREATE TABLE "services_stage_definitions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_services_stage_definitions" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "is_default" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "hint_ar" TEXT NOT NULL,
    "hint_en" TEXT NULL,
    "hint_fr" TEXT NULL,
    "name_ar" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "name_fr" TEXT NULL
);


CREATE TABLE "customers_contacts" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_customers_contacts" PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "label" TEXT NULL,
    CONSTRAINT "FK_customers_contacts_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE CASCADE
);


CREATE TABLE "people_role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_people_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "FK_people_role_claims_people_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "people_roles" ("id") ON DELETE CASCADE
);


CREATE TABLE "services_services" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_services_services" PRIMARY KEY AUTOINCREMENT,
    "typical_minutes" INTEGER NOT NULL,
    "required_skills" TEXT NULL,
    "default_team_id" INTEGER NULL,
    "is_active" INTEGER NOT NULL,
    "benefits_ar" TEXT NOT NULL,
    "benefits_en" TEXT NULL,
    "benefits_fr" TEXT NULL,
    "conditions_ar" TEXT NOT NULL,
    "conditions_en" TEXT NULL,
    "conditions_fr" TEXT NULL,
    "description_ar" TEXT NOT NULL,
    "description_en" TEXT NULL,
    "description_fr" TEXT NULL,
    "name_ar" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "name_fr" TEXT NULL,
    CONSTRAINT "FK_services_services_people_teams_default_team_id" FOREIGN KEY ("default_team_id") REFERENCES "people_teams" ("id") ON DELETE SET NULL
);


CREATE TABLE "people_team_members" (
    "team_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "PK_people_team_members" PRIMARY KEY ("team_id", "user_id"),
    CONSTRAINT "FK_people_team_members_people_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "people_teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_people_team_members_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);


CREATE TABLE "people_user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_people_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "FK_people_user_claims_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);


CREATE TABLE "people_user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "PK_people_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "FK_people_user_logins_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);


CREATE TABLE "people_user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "PK_people_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "FK_people_user_roles_people_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "people_roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_people_user_roles_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);


CREATE TABLE "people_user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "PK_people_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "FK_people_user_tokens_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);


CREATE TABLE "interactions_interactions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_interactions_interactions" PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "service_id" INTEGER NULL,
    "status_id" INTEGER NOT NULL,
    "status_category" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "team_id" INTEGER NULL,
    "handler_id" TEXT NULL,
    "created_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "last_activity_at" TEXT NOT NULL,
    "resolved_at" TEXT NULL,
    "skipped_stages_reason" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_interactions_interactions_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_interactions_interactions_interactions_statuses_status_id" FOREIGN KEY ("status_id") REFERENCES "interactions_statuses" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_interactions_interactions_people_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "people_teams" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_interactions_interactions_services_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services_services" ("id") ON DELETE SET NULL
);


CREATE TABLE "services_service_stages" (
    "service_id" INTEGER NOT NULL,
    "stage_definition_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "PK_services_service_stages" PRIMARY KEY ("service_id", "stage_definition_id"),
    CONSTRAINT "FK_services_service_stages_services_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services_services" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_services_service_stages_services_stage_definitions_stage_definition_id" FOREIGN KEY ("stage_definition_id") REFERENCES "services_stage_definitions" ("id") ON DELETE CASCADE
);


CREATE TABLE "interactions_stages" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_interactions_stages" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "done_at" TEXT NULL,
    "done_by_id" TEXT NULL,
    "name_ar" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "name_fr" TEXT NULL,
    CONSTRAINT "FK_interactions_stages_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);


CREATE TABLE "interactions_timeline" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_interactions_timeline" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NULL,
    "author_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "data" TEXT NULL,
    CONSTRAINT "FK_interactions_timeline_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);


CREATE INDEX "IX_audit_entries_at" ON "audit_entries" ("at");


CREATE INDEX "IX_audit_entries_entity_entity_id" ON "audit_entries" ("entity", "entity_id");


CREATE INDEX "IX_charter_goals_parent_id" ON "charter_goals" ("parent_id");


CREATE UNIQUE INDEX "IX_charter_versions_number" ON "charter_versions" ("number");


CREATE INDEX "IX_customers_contacts_customer_id" ON "customers_contacts" ("customer_id");


CREATE INDEX "IX_customers_contacts_kind_normalized" ON "customers_contacts" ("kind", "normalized");


CREATE INDEX "IX_customers_customers_created_at" ON "customers_customers" ("created_at");


CREATE INDEX "IX_customers_customers_name" ON "customers_customers" ("name");


CREATE INDEX "IX_interactions_interactions_channel_last_activity_at_id" ON "interactions_interactions" ("channel", "last_activity_at", "id");


CREATE INDEX "IX_interactions_interactions_customer_id_created_at" ON "interactions_interactions" ("customer_id", "created_at");


CREATE INDEX "IX_interactions_interactions_handler_id_status_category_last_activity_at_id" ON "interactions_interactions" ("handler_id", "status_category", "last_activity_at", "id");


CREATE INDEX "IX_interactions_interactions_last_activity_at_id" ON "interactions_interactions" ("last_activity_at", "id");


CREATE INDEX "IX_interactions_interactions_service_id_last_activity_at_id" ON "interactions_interactions" ("service_id", "last_activity_at", "id");


CREATE INDEX "IX_interactions_interactions_status_category_last_activity_at_id" ON "interactions_interactions" ("status_category", "last_activity_at", "id");


CREATE INDEX "IX_interactions_interactions_status_id" ON "interactions_interactions" ("status_id");


CREATE INDEX "IX_interactions_interactions_team_id_status_category_last_activity_at_id" ON "interactions_interactions" ("team_id", "status_category", "last_activity_at", "id");


CREATE INDEX "IX_interactions_stages_interaction_id" ON "interactions_stages" ("interaction_id");


CREATE INDEX "IX_interactions_timeline_interaction_id_created_at" ON "interactions_timeline" ("interaction_id", "created_at");


CREATE UNIQUE INDEX "IX_people_api_tokens_token_hash" ON "people_api_tokens" ("token_hash");


CREATE INDEX "IX_people_role_claims_role_id" ON "people_role_claims" ("role_id");


CREATE UNIQUE INDEX "RoleNameIndex" ON "people_roles" ("normalized_name");


CREATE INDEX "IX_people_team_members_user_id" ON "people_team_members" ("user_id");


CREATE UNIQUE INDEX "IX_people_teams_name" ON "people_teams" ("name");


CREATE INDEX "IX_people_user_claims_user_id" ON "people_user_claims" ("user_id");


CREATE INDEX "IX_people_user_logins_user_id" ON "people_user_logins" ("user_id");


CREATE INDEX "IX_people_user_roles_role_id" ON "people_user_roles" ("role_id");


CREATE INDEX "EmailIndex" ON "people_users" ("normalized_email");


CREATE UNIQUE INDEX "UserNameIndex" ON "people_users" ("normalized_user_name");


CREATE INDEX "IX_services_service_stages_stage_definition_id" ON "services_service_stages" ("stage_definition_id");


CREATE INDEX "IX_services_services_default_team_id" ON "services_services" ("default_team_id");


CREATE UNIQUE INDEX "IX_services_stage_definitions_key" ON "services_stage_definitions" ("key");



