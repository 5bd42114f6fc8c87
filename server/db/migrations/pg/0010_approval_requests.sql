CREATE TABLE "approval_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"employee_id" text,
	"number" integer NOT NULL,
	"browser_secret_hash" text NOT NULL,
	"challenge" text,
	"status" text NOT NULL,
	"wrong_numbers" integer NOT NULL,
	"purpose" text NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"decided_at" timestamp (3) with time zone,
	"decided_by_device" text,
	CONSTRAINT "approval_requests_browser_secret_hash_unique" UNIQUE("browser_secret_hash")
);
--> statement-breakpoint
CREATE INDEX "approval_requests_employee_idx" ON "approval_requests" USING btree ("employee_id","status");--> statement-breakpoint
CREATE INDEX "approval_requests_expires_idx" ON "approval_requests" USING btree ("expires_at");