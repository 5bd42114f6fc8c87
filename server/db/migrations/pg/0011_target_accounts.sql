CREATE TABLE "target_accounts" (
	"target_id" text NOT NULL,
	"account" text NOT NULL,
	"user_id" text,
	"password_hash" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "target_accounts_target_id_account_pk" PRIMARY KEY("target_id","account")
);
--> statement-breakpoint
CREATE INDEX "target_accounts_user_idx" ON "target_accounts" USING btree ("target_id","user_id");