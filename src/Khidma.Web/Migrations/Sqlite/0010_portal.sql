-- Customer portal: one-time sign-in links (hash only) and files customers send from the web form and the portal.

CREATE TABLE "portal_sign_in_links" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_portal_sign_in_links" PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "used_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_portal_sign_in_links_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE CASCADE
);

CREATE TABLE "portal_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_portal_attachments" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "timeline_entry_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_portal_attachments_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_portal_attachments_interactions_timeline_timeline_entry_id" FOREIGN KEY ("timeline_entry_id") REFERENCES "interactions_timeline" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_portal_attachments_interaction_id" ON "portal_attachments" ("interaction_id");

CREATE INDEX "IX_portal_attachments_timeline_entry_id" ON "portal_attachments" ("timeline_entry_id");

CREATE INDEX "IX_portal_sign_in_links_customer_id" ON "portal_sign_in_links" ("customer_id");

CREATE UNIQUE INDEX "IX_portal_sign_in_links_token_hash" ON "portal_sign_in_links" ("token_hash");
