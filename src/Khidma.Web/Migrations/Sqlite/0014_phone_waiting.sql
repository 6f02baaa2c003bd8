-- Waiting (T4): a caller who chose a callback instead of hold, the promise made to them, and indexes for the live queue.
ALTER TABLE "phone_calls" ADD COLUMN "callback_requested_at" TEXT NULL;
ALTER TABLE "phone_calls" ADD COLUMN "callback_promise_id" INTEGER NULL;
CREATE INDEX "IX_phone_calls_answered_at" ON "phone_calls" ("answered_at");
CREATE INDEX "IX_phone_calls_ringing_at" ON "phone_calls" ("ringing_at");
