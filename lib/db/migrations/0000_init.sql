CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identity_token" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"mobile" text,
	"mobile_verified" boolean DEFAULT false NOT NULL,
	"granted_scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opentv_account_id" text,
	"lang" text DEFAULT 'en' NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_identity_token_unique" UNIQUE("identity_token")
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"cause" text NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"state" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"flow" text,
	"reference_id" text,
	"widget_session_id" text,
	"flexiti_account_number" text,
	"authorization_id" text,
	"capture_id" text,
	"return_id" text,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"opentv_account_id" text,
	"entitlement_id" text,
	"entitlement_status" text,
	"activation_url" text,
	"last_fulfillment_at" timestamp with time zone,
	"failure_reason" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"tagline" text NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"billing_period" text NOT NULL,
	"opentv_product_id" text NOT NULL,
	"image" text NOT NULL,
	"features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "outbox_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"attempt" integer NOT NULL,
	"worker" text NOT NULL,
	"outcome" text NOT NULL,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"order_id" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "integration_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"partner" text NOT NULL,
	"operation" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer,
	"latency_ms" integer NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"correlation_id" text NOT NULL,
	"order_id" text,
	"request" jsonb,
	"response" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_settings" (
	"partner" text PRIMARY KEY NOT NULL,
	"latency_ms" integer DEFAULT 0 NOT NULL,
	"error_rate_pct" integer DEFAULT 0 NOT NULL,
	"forced_error" jsonb,
	"clock_offset_ms" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "sandbox_opentv_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"signon_id" text NOT NULL,
	"account_profile_id" text,
	"account_number" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"pvr_status" text DEFAULT 'DISABLED' NOT NULL,
	"billing_address" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_opentv_accounts_signon_id_unique" UNIQUE("signon_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_opentv_entitlements" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"product_id" text NOT NULL,
	"product_type" text NOT NULL,
	"status" text NOT NULL,
	"reason_code" text,
	"reason_category" text,
	"cancel_reason_code" text,
	"cancel_reason_category" text,
	"valid_from" text,
	"expiry_date" text,
	"activation_token" text,
	"activation_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"modified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_opentv_webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entitlement_id" text NOT NULL,
	"event_status" text NOT NULL,
	"body" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_accounts" (
	"account_number" text PRIMARY KEY NOT NULL,
	"vcc_number" text NOT NULL,
	"customer_id" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"dob" text NOT NULL,
	"postal_code" text NOT NULL,
	"email" text,
	"phone" text,
	"account_type" text NOT NULL,
	"status" text NOT NULL,
	"credit_limit_cents" bigint NOT NULL,
	"available_credit_cents" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_flexiti_accounts_vcc_number_unique" UNIQUE("vcc_number"),
	CONSTRAINT "sandbox_flexiti_accounts_customer_id_unique" UNIQUE("customer_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_authorizations" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "sandbox_flexiti_authorizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 700000001 CACHE 1),
	"client_id" text NOT NULL,
	"account_number" text NOT NULL,
	"widget_session_id" text,
	"reference" text,
	"transaction_type" text NOT NULL,
	"plan_id" text,
	"term" text,
	"amount_cents" bigint NOT NULL,
	"captured_cents" bigint DEFAULT 0 NOT NULL,
	"released_cents" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"auto_capture" boolean NOT NULL,
	"sku_data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_flexiti_authorizations_widget_session_id_unique" UNIQUE("widget_session_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_captures" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "sandbox_flexiti_captures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 300000001 CACHE 1),
	"authorization_id" bigint NOT NULL,
	"reference" text,
	"amount_cents" bigint NOT NULL,
	"returned_cents" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_returns" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "sandbox_flexiti_returns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000000000000001 CACHE 1),
	"capture_id" bigint NOT NULL,
	"reference" text,
	"amount_cents" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_tokens" (
	"access_token" text PRIMARY KEY NOT NULL,
	"refresh_token" text NOT NULL,
	"lineage" text NOT NULL,
	"client_id" text NOT NULL,
	"scope" text NOT NULL,
	"grant_type" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_flexiti_tokens_refresh_token_unique" UNIQUE("refresh_token")
);
--> statement-breakpoint
CREATE TABLE "sandbox_flexiti_widget_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"widget_key" text NOT NULL,
	"client_id" text NOT NULL,
	"lineage" text NOT NULL,
	"reference_id" text NOT NULL,
	"flow" text NOT NULL,
	"lang" text NOT NULL,
	"request" jsonb NOT NULL,
	"account_number" text,
	"expires_at" timestamp with time zone NOT NULL,
	"scenario" text,
	"outcome" jsonb,
	"verified" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"application_decision" text,
	"applied_account_number" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sandbox_flexiti_widget_sessions_widget_key_unique" UNIQUE("widget_key")
);
--> statement-breakpoint
CREATE TABLE "sandbox_ultra_access_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"persona_id" text NOT NULL,
	"identity_token" text NOT NULL,
	"granted_scopes" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_ultra_grants" (
	"token" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"sdk_client_id" text NOT NULL,
	"persona_id" text NOT NULL,
	"result" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkout_flows" (
	"order_id" text PRIMARY KEY NOT NULL,
	"flow" text NOT NULL,
	"reference_id" text NOT NULL,
	"correlation_id" text NOT NULL,
	"widget_session_id" text,
	"form" jsonb,
	"access_token" text,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_flexiti_captures" ADD CONSTRAINT "sandbox_flexiti_captures_authorization_id_sandbox_flexiti_authorizations_id_fk" FOREIGN KEY ("authorization_id") REFERENCES "public"."sandbox_flexiti_authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_flexiti_returns" ADD CONSTRAINT "sandbox_flexiti_returns_capture_id_sandbox_flexiti_captures_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."sandbox_flexiti_captures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_flows" ADD CONSTRAINT "checkout_flows_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "orders" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_one_open_checkout" ON "orders" USING btree ("customer_id","product_id") WHERE "orders"."state" = 'PENDING_PAYMENT';--> statement-breakpoint
CREATE INDEX "outbox_attempts_job" ON "outbox_attempts" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_jobs_dedupe" ON "outbox_jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_jobs_due" ON "outbox_jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "outbox_jobs_order" ON "outbox_jobs" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "integration_calls_correlation" ON "integration_calls" USING btree ("correlation_id");--> statement-breakpoint
CREATE INDEX "integration_calls_order" ON "integration_calls" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "integration_calls_created" ON "integration_calls" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_ultra_oms_events_state" ON "sandbox_ultra_oms_events" USING btree ("client_id","order_id","order_state");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_ultra_oms_events_terminal" ON "sandbox_ultra_oms_events" USING btree ("client_id","order_id") WHERE "sandbox_ultra_oms_events"."order_state" <> 'ORDER_CONFIRMED';--> statement-breakpoint
CREATE INDEX "sandbox_ultra_oms_events_identity" ON "sandbox_ultra_oms_events" USING btree ("identity_token");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_opentv_entitlements_activation" ON "sandbox_opentv_entitlements" USING btree ("activation_token");--> statement-breakpoint
CREATE INDEX "sandbox_opentv_entitlements_account" ON "sandbox_opentv_entitlements" USING btree ("account_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_opentv_webhook_event" ON "sandbox_opentv_webhook_deliveries" USING btree ("entitlement_id","event_status");--> statement-breakpoint
CREATE INDEX "sandbox_opentv_webhook_due" ON "sandbox_opentv_webhook_deliveries" USING btree ("delivered_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sandbox_flexiti_authorizations_account" ON "sandbox_flexiti_authorizations" USING btree ("account_number","created_at");--> statement-breakpoint
CREATE INDEX "sandbox_flexiti_tokens_lineage" ON "sandbox_flexiti_tokens" USING btree ("lineage");--> statement-breakpoint
CREATE INDEX "sandbox_flexiti_widget_sessions_lineage" ON "sandbox_flexiti_widget_sessions" USING btree ("lineage");--> statement-breakpoint
CREATE INDEX "sandbox_ultra_access_tokens_expires" ON "sandbox_ultra_access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sandbox_ultra_grants_expires" ON "sandbox_ultra_grants" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opentv_webhook_receipts_once" ON "opentv_webhook_receipts" USING btree ("entitlement_id","status");--> statement-breakpoint
CREATE INDEX "opentv_webhook_receipts_order" ON "opentv_webhook_receipts" USING btree ("order_id");