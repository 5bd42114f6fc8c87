CREATE TABLE "enrolment_links" (
	"id" text PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"replaced_at" timestamp (3) with time zone,
	"used_at" timestamp (3) with time zone,
	"device_id" text,
	CONSTRAINT "enrolment_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "enrolment_links" ADD CONSTRAINT "enrolment_links_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolment_links_employee_idx" ON "enrolment_links" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "enrolment_links_expires_idx" ON "enrolment_links" USING btree ("expires_at");