CREATE TABLE "sandbox_fault_queue" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner" text NOT NULL,
	"match" text,
	"method" text,
	"mode" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
