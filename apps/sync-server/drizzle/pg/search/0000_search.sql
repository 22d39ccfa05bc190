CREATE TABLE "search_docs" (
	"doc_pk" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"doc_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"trashed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "search_docs_doc" UNIQUE("workspace_id","doc_id")
);
--> statement-breakpoint
CREATE TABLE "search_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"doc_pk" bigint NOT NULL,
	"workspace_id" text NOT NULL,
	"kind" text NOT NULL,
	"annotation_id" text,
	"comment_id" text,
	"author" text NOT NULL,
	"status" text,
	"tags" text[] NOT NULL,
	"channels" text[] NOT NULL,
	"t_from" double precision,
	"t_to" double precision,
	"updated_at" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"words" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_workspaces" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"version" integer NOT NULL,
	"built_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_docs_trashed" ON "search_docs" USING btree ("workspace_id","trashed");--> statement-breakpoint
CREATE INDEX "search_rows_doc" ON "search_rows" USING btree ("doc_pk","annotation_id");--> statement-breakpoint
CREATE INDEX "search_rows_recent" ON "search_rows" USING btree ("workspace_id","updated_at");--> statement-breakpoint
CREATE INDEX "search_rows_words" ON "search_rows" USING gin ("words");