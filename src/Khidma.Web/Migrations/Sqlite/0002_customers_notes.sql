-- Customers: shared notes (P3) and the (name, id) index the list pages by.
CREATE TABLE "customers_notes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_customers_notes" PRIMARY KEY AUTOINCREMENT,
    "customer_id" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_customers_notes_customers_customers_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers_customers" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_customers_notes_customer_id_created_at" ON "customers_notes" ("customer_id", "created_at");

DROP INDEX "IX_customers_customers_name";
CREATE INDEX "IX_customers_customers_name_id" ON "customers_customers" ("name", "id");
