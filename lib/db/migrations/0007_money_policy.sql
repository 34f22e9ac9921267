ALTER TABLE "orders" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "refund_due_cents" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "attention_reason" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "attention_since" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_one_live_plan" ON "orders" USING btree ("customer_id","product_id") WHERE "orders"."state" in ('PAYMENT_VERIFYING', 'CONFIRMED', 'ACTIVE');--> statement-breakpoint
CREATE INDEX "orders_attention_idx" ON "orders" USING btree ("attention_since") WHERE "orders"."attention_reason" is not null;