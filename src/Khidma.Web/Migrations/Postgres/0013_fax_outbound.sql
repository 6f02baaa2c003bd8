-- Fax channel, outbound and fax-to-email (K4): the gateway an administrator configures, the mailboxes whose mail
-- is received faxes, and what the outbox needs to show and follow a fax (document name, gateway id, mail handed over).
CREATE TABLE fax_gateways (
    id integer NOT NULL,
    kind character varying(32) NOT NULL,
    url character varying(500),
    token_protected text,
    from_number character varying(32),
    mailbox_id integer,
    email_domain character varying(255),
    address_pattern character varying(320),
    version integer NOT NULL,
    CONSTRAINT "PK_fax_gateways" PRIMARY KEY (id)
);

CREATE TABLE fax_mailboxes (
    mailbox_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_fax_mailboxes" PRIMARY KEY (mailbox_id),
    CONSTRAINT "FK_fax_mailboxes_mail_mailboxes_mailbox_id" FOREIGN KEY (mailbox_id) REFERENCES mail_mailboxes (id) ON DELETE CASCADE
);

ALTER TABLE fax_outbox ADD COLUMN document_name character varying(255);
ALTER TABLE fax_outbox ADD COLUMN gateway_reference character varying(200);
ALTER TABLE fax_outbox ADD COLUMN mail_outbox_id bigint;
