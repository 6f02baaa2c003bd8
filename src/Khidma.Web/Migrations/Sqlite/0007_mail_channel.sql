-- Mail channel (K3): mailboxes, stored inbound mail, threading ids, participants, attachments, outbox.
CREATE TABLE "mail_mailboxes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_mail_mailboxes" PRIMARY KEY AUTOINCREMENT,
    "team_id" INTEGER NULL,
    "address" TEXT NOT NULL,
    "from_name" TEXT NULL,
    "inbound_kind" TEXT NOT NULL,
    "host" TEXT NULL,
    "port" INTEGER NOT NULL,
    "security" TEXT NOT NULL,
    "username" TEXT NULL,
    "password_protected" TEXT NULL,
    "folder" TEXT NOT NULL,
    "delete_after_store" INTEGER NOT NULL,
    "smtp_host" TEXT NULL,
    "smtp_port" INTEGER NOT NULL,
    "smtp_security" TEXT NOT NULL,
    "smtp_username" TEXT NULL,
    "smtp_password_protected" TEXT NULL,
    "certificate_thumbprint" TEXT NULL,
    "pipe_token_hash" TEXT NULL,
    "send_acknowledgment" INTEGER NOT NULL,
    "expected_reply_days" INTEGER NOT NULL,
    "is_enabled" INTEGER NOT NULL,
    "imap_uid_validity" INTEGER NOT NULL,
    "imap_last_uid" INTEGER NOT NULL,
    "last_poll_at" TEXT NULL,
    "last_poll_error" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_mail_mailboxes_people_teams_team_id" FOREIGN KEY ("team_id") REFERENCES "people_teams" ("id") ON DELETE SET NULL
);

CREATE TABLE "mail_seen_uidls" (
    "mailbox_id" INTEGER NOT NULL,
    "uidl" TEXT NOT NULL,
    "seen_at" TEXT NOT NULL,
    CONSTRAINT "PK_mail_seen_uidls" PRIMARY KEY ("mailbox_id", "uidl"),
    CONSTRAINT "FK_mail_seen_uidls_mail_mailboxes_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mail_mailboxes" ("id") ON DELETE CASCADE
);

CREATE TABLE "mail_inbound" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_mail_inbound" PRIMARY KEY AUTOINCREMENT,
    "mailbox_id" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "raw_path" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "received_at" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "interaction_id" INTEGER NULL,
    "timeline_entry_id" INTEGER NULL,
    "from_address" TEXT NULL,
    "subject" TEXT NULL,
    "automatic" TEXT NULL,
    "processed_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_mail_inbound_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_mail_inbound_mail_mailboxes_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mail_mailboxes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "mail_message_ids" (
    "message_id" TEXT NOT NULL CONSTRAINT "PK_mail_message_ids" PRIMARY KEY,
    "interaction_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_mail_message_ids_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);

CREATE TABLE "mail_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_mail_outbox" PRIMARY KEY AUTOINCREMENT,
    "mailbox_id" INTEGER NOT NULL,
    "interaction_id" INTEGER NULL,
    "kind" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "to_addresses" TEXT NOT NULL,
    "cc_addresses" TEXT NULL,
    "subject" TEXT NOT NULL,
    "envelope_from" TEXT NOT NULL,
    "raw_path" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "last_error" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_mail_outbox_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_mail_outbox_mail_mailboxes_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mail_mailboxes" ("id") ON DELETE RESTRICT
);

CREATE TABLE "mail_participants" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_mail_participants" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "name" TEXT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "FK_mail_participants_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);

CREATE TABLE "mail_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_mail_attachments" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "timeline_entry_id" INTEGER NULL,
    "inbound_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content_id" TEXT NULL,
    CONSTRAINT "FK_mail_attachments_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_mail_attachments_mail_inbound_inbound_id" FOREIGN KEY ("inbound_id") REFERENCES "mail_inbound" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_mail_attachments_inbound_id" ON "mail_attachments" ("inbound_id");

CREATE INDEX "IX_mail_attachments_interaction_id" ON "mail_attachments" ("interaction_id");

CREATE INDEX "IX_mail_inbound_from_address_received_at" ON "mail_inbound" ("from_address", "received_at");

CREATE INDEX "IX_mail_inbound_interaction_id" ON "mail_inbound" ("interaction_id");

CREATE UNIQUE INDEX "IX_mail_inbound_mailbox_id_message_id" ON "mail_inbound" ("mailbox_id", "message_id");

CREATE INDEX "IX_mail_inbound_state_id" ON "mail_inbound" ("state", "id");

CREATE UNIQUE INDEX "IX_mail_mailboxes_address" ON "mail_mailboxes" ("address");

CREATE INDEX "IX_mail_mailboxes_team_id" ON "mail_mailboxes" ("team_id");

CREATE INDEX "IX_mail_message_ids_interaction_id_created_at" ON "mail_message_ids" ("interaction_id", "created_at");

CREATE INDEX "IX_mail_outbox_interaction_id" ON "mail_outbox" ("interaction_id");

CREATE INDEX "IX_mail_outbox_mailbox_id" ON "mail_outbox" ("mailbox_id");

CREATE INDEX "IX_mail_outbox_state_next_attempt_at" ON "mail_outbox" ("state", "next_attempt_at");

CREATE UNIQUE INDEX "IX_mail_participants_interaction_id_address" ON "mail_participants" ("interaction_id", "address");
