CREATE TABLE "sandbox_ultra_oms_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_state" text NOT NULL,
	"identity_token" text NOT NULL,
	"description" text NOT NULL,
	"order_timestamp_ms" bigint NOT NULL,
	"order_updated_timestamp_ms" bigint NOT NULL,
	"last_fulfillment_date_ms" bigint NOT NULL,
	"timestamp_unit" text NOT NULL,
	"forward_transaction" double precision NOT NULL,
	"reverse_transaction" double precision NOT NULL,
	"order_metadata" jsonb,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_ultra_oms_rate_buckets" (
	"client_id" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_ultra_oms_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"rate_capacity" integer DEFAULT 100 NOT NULL,
	"rate_refill_per_minute" integer DEFAULT 600 NOT NULL,
	"require_sub" boolean DEFAULT false NOT NULL,
	"max_window_s" integer DEFAULT 1000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_jobs" ADD COLUMN "locked_by" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_ultra_oms_events_state" ON "sandbox_ultra_oms_events" USING btree ("client_id","order_id","order_state");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_ultra_oms_events_terminal" ON "sandbox_ultra_oms_events" USING btree ("client_id","order_id") WHERE "sandbox_ultra_oms_events"."order_state" <> 'ORDER_CONFIRMED';--> statement-breakpoint
CREATE INDEX "sandbox_ultra_oms_events_identity" ON "sandbox_ultra_oms_events" USING btree ("identity_token");