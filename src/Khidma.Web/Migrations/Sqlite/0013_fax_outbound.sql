-- Fax channel, outbound and fax-to-email (K4): the gateway an administrator configures, the mailboxes whose mail
-- is received faxes, and what the outbox needs to show and follow a fax (document name, gateway id, mail handed over).
CREATE TABLE "fax_gateways" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fax_gateways" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "url" TEXT NULL,
    "token_protected" TEXT NULL,
    "from_number" TEXT NULL,
    "mailbox_id" INTEGER NULL,
    "email_domain" TEXT NULL,
    "address_pattern" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "fax_mailboxes" (
    "mailbox_id" INTEGER NOT NULL CONSTRAINT "PK_fax_mailboxes" PRIMARY KEY,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_fax_mailboxes_mail_mailboxes_mailbox_id" FOREIGN KEY ("mailbox_id") REFERENCES "mail_mailboxes" ("id") ON DELETE CASCADE
);

ALTER TABLE "fax_outbox" ADD COLUMN "document_name" TEXT NULL;
ALTER TABLE "fax_outbox" ADD COLUMN "gateway_reference" TEXT NULL;
ALTER TABLE "fax_outbox" ADD COLUMN "mail_outbox_id" INTEGER NULL;
