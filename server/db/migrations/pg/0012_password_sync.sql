CREATE TABLE "account_links" (
	"id" text PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"target_id" text NOT NULL,
	"account" text NOT NULL,
	"linked_how" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"sync_status" text,
	"sync_reason" text,
	"sync_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "pending_passwords" (
	"change_id" text PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"ciphertext" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"change_id" text NOT NULL,
	"employee_id" text NOT NULL,
	"link_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"deadline_at" timestamp (3) with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "account_links" ADD CONSTRAINT "account_links_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_passwords" ADD CONSTRAINT "pending_passwords_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD CONSTRAINT "sync_jobs_link_id_account_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."account_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_links_account_idx" ON "account_links" USING btree ("employee_id","target_id","account");--> statement-breakpoint
CREATE INDEX "sync_jobs_due_idx" ON "sync_jobs" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sync_jobs_change_idx" ON "sync_jobs" USING btree ("change_id");--> statement-breakpoint
CREATE INDEX "sync_jobs_link_idx" ON "sync_jobs" USING btree ("link_id");