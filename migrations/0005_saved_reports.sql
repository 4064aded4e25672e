CREATE TABLE "saved_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"hotline" text NOT NULL,
	"title" text NOT NULL,
	"query" text NOT NULL,
	"charts" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_reports_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "cases" DROP CONSTRAINT "cases_number_unique";--> statement-breakpoint
ALTER TABLE "saved_reports" ADD CONSTRAINT "saved_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "saved_reports_hotline_idx" ON "saved_reports" USING btree ("hotline","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_idx" ON "cases" USING btree ("hotline","number");