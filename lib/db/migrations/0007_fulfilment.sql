CREATE TABLE "opentv_webhook_receipts" (
	"id" serial PRIMARY KEY NOT NULL,
	"entitlement_id" text NOT NULL,
	"status" text NOT NULL,
	"order_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"event" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "opentv_webhook_receipts_once" ON "opentv_webhook_receipts" USING btree ("entitlement_id","status");--> statement-breakpoint
CREATE INDEX "opentv_webhook_receipts_order" ON "opentv_webhook_receipts" USING btree ("order_id");