-- Throttles by kind (user | address), method and subject, indexed by (kind, subject) for "this
-- employee's locks"; and the audit trail's indexes for searching by actor, by type and by time.
CREATE TABLE "throttles" (
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"subject" text NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp (3) with time zone NOT NULL,
	"locked_until" timestamp (3) with time zone,
	CONSTRAINT "throttles_kind_subject_method_pk" PRIMARY KEY("kind","subject","method")
);
--> statement-breakpoint
CREATE INDEX "throttles_subject_idx" ON "throttles" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_type_idx" ON "audit_events" USING btree ("type","seq");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");
