CREATE TABLE "alert_firings" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"rule_id" text NOT NULL,
	"at" bigint NOT NULL,
	"count" integer NOT NULL,
	"annotations" jsonb NOT NULL,
	CONSTRAINT "alert_firings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "alert_matches" (
	"tenant_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"annotation_id" text NOT NULL,
	"title" text NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "alert_matches_tenant_id_rule_id_doc_id_annotation_id_pk" PRIMARY KEY("tenant_id","rule_id","doc_id","annotation_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"condition" jsonb NOT NULL,
	"threshold" jsonb,
	"actions" jsonb NOT NULL,
	"muted" boolean NOT NULL,
	"armed" boolean NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "alert_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "alert_firings_rule" ON "alert_firings" USING btree ("tenant_id","rule_id","at");--> statement-breakpoint
CREATE INDEX "alert_matches_time" ON "alert_matches" USING btree ("tenant_id","rule_id","at");--> statement-breakpoint
CREATE INDEX "alert_rules_workspace" ON "alert_rules" USING btree ("tenant_id","workspace_id");