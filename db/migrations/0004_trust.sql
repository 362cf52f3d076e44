CREATE TABLE "credit_purchases" (
	"checkout_session_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"payment_intent_id" text,
	"price_id" text NOT NULL,
	"credits" integer NOT NULL,
	"credits_reversed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_purchases_payment_intent_id_unique" UNIQUE("payment_intent_id"),
	CONSTRAINT "credit_purchases_credits_positive" CHECK ("credit_purchases"."credits" > 0),
	CONSTRAINT "credit_purchases_reversed_in_range" CHECK ("credit_purchases"."credits_reversed" between 0 and "credit_purchases"."credits")
);
--> statement-breakpoint
CREATE TABLE "site_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welcome_grants" (
	"address_key" text PRIMARY KEY NOT NULL,
	"granted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"run_after" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "email_tokens" ADD COLUMN "password_hash" text;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_purchases_user" ON "credit_purchases" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mail_jobs_due" ON "mail_jobs" USING btree ("run_after","id") WHERE "mail_jobs"."sent_at" is null and "mail_jobs"."failed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_refund_once" ON "credit_ledger" USING btree ("payment_ref") WHERE "credit_ledger"."reason" = 'refund' and "credit_ledger"."payment_ref" is not null;