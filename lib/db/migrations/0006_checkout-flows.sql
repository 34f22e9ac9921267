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
ALTER TABLE "checkout_flows" ADD CONSTRAINT "checkout_flows_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;