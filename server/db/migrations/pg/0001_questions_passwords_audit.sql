CREATE TABLE "audit_events" (
	"seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"actor_id" text,
	"subject_id" text,
	"subject_user_id" text,
	"method" text,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_seq_pk" PRIMARY KEY("seq")
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_head_id_pk" PRIMARY KEY("id")
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" text PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_challenges" (
	"user_id" text PRIMARY KEY NOT NULL,
	"positions" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_answers" (
	"employee_id" text NOT NULL,
	"position" integer NOT NULL,
	"question_id" text,
	"custom_question" text,
	"custom_language" text,
	"answer_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "security_answers_employee_id_position_pk" PRIMARY KEY("employee_id","position")
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
-- Sessions gain a required level; open ones end (their holders sign in again).
DELETE FROM "sessions";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "level" text NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "level_reason" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "level_expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_answers" ADD CONSTRAINT "security_answers_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_id","seq");--> statement-breakpoint
CREATE INDEX "password_history_employee_idx" ON "password_history" USING btree ("employee_id","created_at");