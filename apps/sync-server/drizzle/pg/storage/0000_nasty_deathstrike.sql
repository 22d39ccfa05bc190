CREATE TABLE "doc_checkpoints" (
	"doc_pk" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_snapshots" (
	"doc_pk" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"state" "bytea" NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_updates" (
	"doc_pk" integer NOT NULL,
	"seq" bigint NOT NULL,
	"blob" "bytea" NOT NULL,
	"actor" text NOT NULL,
	"client" text NOT NULL,
	"ts" bigint NOT NULL,
	CONSTRAINT "doc_updates_doc_pk_seq_pk" PRIMARY KEY("doc_pk","seq")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"pk" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_pk_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"created_by" text NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doc_checkpoints" ADD CONSTRAINT "doc_checkpoints_doc_pk_documents_pk_fk" FOREIGN KEY ("doc_pk") REFERENCES "public"."documents"("pk") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_snapshots" ADD CONSTRAINT "doc_snapshots_doc_pk_documents_pk_fk" FOREIGN KEY ("doc_pk") REFERENCES "public"."documents"("pk") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_updates" ADD CONSTRAINT "doc_updates_doc_pk_documents_pk_fk" FOREIGN KEY ("doc_pk") REFERENCES "public"."documents"("pk") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_workspace_id" ON "documents" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "documents_tenant_workspace" ON "documents" USING btree ("tenant_id","workspace_id");