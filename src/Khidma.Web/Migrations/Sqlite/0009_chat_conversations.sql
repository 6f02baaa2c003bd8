-- Live chat: who the visitor is and the hash of their conversation secret; the transcript is the interaction's timeline.
CREATE TABLE "chat_conversations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_chat_conversations" PRIMARY KEY AUTOINCREMENT,
    "interaction_id" INTEGER NOT NULL,
    "token_hash" TEXT NULL,
    "visitor_name" TEXT NOT NULL,
    "visitor_email" TEXT NULL,
    "language" TEXT NOT NULL,
    "answer_by_email" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_chat_conversations_interactions_interactions_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions_interactions" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_chat_conversations_interaction_id" ON "chat_conversations" ("interaction_id");
CREATE UNIQUE INDEX "IX_chat_conversations_token_hash" ON "chat_conversations" ("token_hash");
