CREATE TABLE IF NOT EXISTS "sandbox_ultra_access_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"persona_id" text NOT NULL,
	"identity_token" text NOT NULL,
	"granted_scopes" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "sandbox_ultra_grants" (
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
CREATE INDEX IF NOT EXISTS "sandbox_ultra_access_tokens_expires" ON "sandbox_ultra_access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sandbox_ultra_grants_expires" ON "sandbox_ultra_grants" USING btree ("expires_at");