CREATE TABLE "alert_thresholds" (
	"kpi" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"warning" real NOT NULL,
	"alarm" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
