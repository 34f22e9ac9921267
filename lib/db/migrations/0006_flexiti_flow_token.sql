ALTER TABLE "sandbox_flexiti_widget_sessions" ADD COLUMN "opened_with" text;--> statement-breakpoint
ALTER TABLE "checkout_flows" ADD COLUMN "token_expires_at" timestamp with time zone;