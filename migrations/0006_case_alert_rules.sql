CREATE TABLE "case_alert_rules" (
	"hotline" text NOT NULL,
	"priority" text NOT NULL,
	"no_action_minutes" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "case_alert_rules" ADD CONSTRAINT "case_alert_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_alert_rules_key" ON "case_alert_rules" USING btree ("hotline","priority");