-- Channels: counter queue (K1), phone calls and extensions (K2), fax documents and outbox (K4).
CREATE TABLE "counter_branches" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_counter_branches" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL
);

CREATE TABLE "counter_desks" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_counter_desks" PRIMARY KEY AUTOINCREMENT,
    "branch_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "is_open" INTEGER NOT NULL,
    CONSTRAINT "FK_counter_desks_counter_branches_branch_id" FOREIGN KEY ("branch_id") REFERENCES "counter_branches" ("id") ON DELETE CASCADE
);

CREATE TABLE "phone_extensions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_phone_extensions" PRIMARY KEY AUTOINCREMENT,
    "extension" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "FK_phone_extensions_people_users_user_id" FOREIGN KEY ("user_id") REFERENCES "people_users" ("id") ON DELETE CASCADE
);

CREATE TABLE "counter_desk_services" (
    "counter_desk_id" INTEGER NOT NULL,
    "service_id" INTEGER NOT NULL,
    CONSTRAINT "PK_counter_desk_services" PRIMARY KEY ("counter_desk_id", "service_id"),
    CONSTRAINT "FK_counter_desk_services_counter_desks_counter_desk_id" FOREIGN KEY ("counter_desk_id") REFERENCES "counter_desks" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_counter_desk_services_services_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services_services" ("id") ON DELETE CASCADE
);

CREATE TABLE "counter_tickets" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_counter_tickets" PRIMARY KEY AUTOINCREMENT,
    "public_id" TEXT NOT NULL,
    "branch_id" INTEGER NOT NULL,
    "service_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "phone" TEXT NULL,
    "customer_id" INTEGER NULL,
    "state" TEXT NOT NULL,
    "taken_at" TEXT NOT NULL,
    "called_at" TEXT NULL,
    "served_at" TEXT NULL,
    "done_at" TEXT NULL,
    "counter_desk_id" INTEGER NULL,
    "agent_id" TEXT NULL,
    "interaction_id" INTEGER NULL,
    "recalls" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_counter_tickets_counter_branches_branch_id" FOREIGN KEY ("branch_id") REFERENCES "counter_branches" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_counter_tickets_counter_desks_counter_desk_id" FOREIGN KEY ("counter_desk_id") REFERENCES "counter_desks" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_counter_tickets_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_counter_tickets_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_counter_tickets_services_services_service_id" FOREIGN KEY ("service_id") REFERENCES "services_services" ("id") ON DELETE RESTRICT
);

CREATE TABLE "fax_documents" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fax_documents" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "pages" INTEGER NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    CONSTRAINT "FK_fax_documents_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);

CREATE TABLE "fax_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fax_outbox" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "to" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "last_error" TEXT NULL,
    "created_by_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    CONSTRAINT "FK_fax_outbox_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);

CREATE TABLE "phone_calls" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_phone_calls" PRIMARY KEY AUTOINCREMENT,
    "call_id" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "extension" TEXT NULL,
    "customer_id" INTEGER NULL,
    "ringing_at" TEXT NOT NULL,
    "answered_at" TEXT NULL,
    "ended_at" TEXT NULL,
    "agent_id" TEXT NULL,
    "interaction_id" INTEGER NULL,
    "missed" INTEGER NOT NULL,
    CONSTRAINT "FK_phone_calls_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_phone_calls_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE SET NULL
);

CREATE UNIQUE INDEX "IX_counter_branches_code" ON "counter_branches" ("code");

CREATE INDEX "IX_counter_desk_services_service_id" ON "counter_desk_services" ("service_id");

CREATE UNIQUE INDEX "IX_counter_desks_branch_id_number" ON "counter_desks" ("branch_id", "number");

CREATE UNIQUE INDEX "IX_counter_tickets_branch_id_day_label" ON "counter_tickets" ("branch_id", "day", "label");

CREATE INDEX "IX_counter_tickets_branch_id_day_state_taken_at" ON "counter_tickets" ("branch_id", "day", "state", "taken_at");

CREATE INDEX "IX_counter_tickets_counter_desk_id" ON "counter_tickets" ("counter_desk_id");

CREATE INDEX "IX_counter_tickets_customer_id" ON "counter_tickets" ("customer_id");

CREATE INDEX "IX_counter_tickets_interaction_id" ON "counter_tickets" ("interaction_id");

CREATE UNIQUE INDEX "IX_counter_tickets_public_id" ON "counter_tickets" ("public_id");

CREATE INDEX "IX_counter_tickets_service_id" ON "counter_tickets" ("service_id");

CREATE INDEX "IX_fax_documents_interaction_id" ON "fax_documents" ("interaction_id");

CREATE INDEX "IX_fax_outbox_interaction_id" ON "fax_outbox" ("interaction_id");

CREATE INDEX "IX_fax_outbox_state_next_attempt_at" ON "fax_outbox" ("state", "next_attempt_at");

CREATE INDEX "IX_phone_calls_agent_id_ringing_at" ON "phone_calls" ("agent_id", "ringing_at");

CREATE UNIQUE INDEX "IX_phone_calls_call_id" ON "phone_calls" ("call_id");

CREATE INDEX "IX_phone_calls_customer_id" ON "phone_calls" ("customer_id");

CREATE INDEX "IX_phone_calls_interaction_id" ON "phone_calls" ("interaction_id");

CREATE UNIQUE INDEX "IX_phone_extensions_extension" ON "phone_extensions" ("extension");

CREATE INDEX "IX_phone_extensions_user_id" ON "phone_extensions" ("user_id");
