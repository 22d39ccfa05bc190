CREATE TABLE "branches" (
	"workspace_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"source_id" text NOT NULL,
	"base_version" text NOT NULL,
	"base_seq" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"merged_seq" bigint,
	"merged_by" text,
	"merged_at" bigint,
	CONSTRAINT "branches_workspace_id_doc_id_pk" PRIMARY KEY("workspace_id","doc_id")
);
--> statement-breakpoint
CREATE TABLE "history_entries" (
	"workspace_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"first_seq" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"actor" text NOT NULL,
	"session" text NOT NULL,
	"kind" text NOT NULL,
	"ref" text,
	"started_at" bigint NOT NULL,
	"ended_at" bigint NOT NULL,
	"updates" integer NOT NULL,
	"bytes" bigint NOT NULL,
	"summary" jsonb NOT NULL,
	"snapshot" "bytea" NOT NULL,
	CONSTRAINT "history_entries_workspace_id_doc_id_first_seq_pk" PRIMARY KEY("workspace_id","doc_id","first_seq")
);
--> statement-breakpoint
CREATE TABLE "history_parts" (
	"workspace_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"part" text NOT NULL,
	"first_seq" bigint NOT NULL,
	CONSTRAINT "history_parts_workspace_id_doc_id_part_first_seq_pk" PRIMARY KEY("workspace_id","doc_id","part","first_seq")
);
--> statement-breakpoint
CREATE TABLE "history_retention" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"fold_after_days" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "named_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"snapshot" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "branches_source" ON "branches" USING btree ("workspace_id","source_id","created_at");--> statement-breakpoint
CREATE INDEX "history_entries_last" ON "history_entries" USING btree ("workspace_id","doc_id","last_seq");--> statement-breakpoint
CREATE INDEX "named_versions_doc" ON "named_versions" USING btree ("workspace_id","doc_id","seq");