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
CREATE UNIQUE INDEX "sandbox_opentv_entitlements_activation" ON "sandbox_opentv_entitlements" USING btree ("activation_token");--> statement-breakpoint
CREATE INDEX "sandbox_opentv_entitlements_account" ON "sandbox_opentv_entitlements" USING btree ("account_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_opentv_webhook_event" ON "sandbox_opentv_webhook_deliveries" USING btree ("entitlement_id","event_status");--> statement-breakpoint
CREATE INDEX "sandbox_opentv_webhook_due" ON "sandbox_opentv_webhook_deliveries" USING btree ("delivered_at","next_attempt_at");