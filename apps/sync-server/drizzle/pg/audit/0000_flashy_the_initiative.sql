CREATE TABLE "audit_checkpoints" (
	"tenant_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"head_seq" bigint NOT NULL,
	"ts" bigint NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "audit_checkpoints_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"tenant_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"id" text NOT NULL,
	"ts" bigint NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" text,
	"workspace_id" text,
	"summary" text,
	"ip" text,
	"request_id" text,
	"key_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq"),
	CONSTRAINT "audit_entries_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_entries_tenant_ts" ON "audit_entries" USING btree ("tenant_id","ts");--> statement-breakpoint
CREATE INDEX "audit_entries_tenant_action" ON "audit_entries" USING btree ("tenant_id","action");--> statement-breakpoint
CREATE INDEX "audit_entries_tenant_workspace" ON "audit_entries" USING btree ("tenant_id","workspace_id");