CREATE TABLE "blob_chunks" (
	"upload_id" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "blob_chunks_upload_id_seq_pk" PRIMARY KEY("upload_id","seq")
);
--> statement-breakpoint
CREATE TABLE "blob_contents" (
	"sha256" text PRIMARY KEY NOT NULL,
	"upload_id" text NOT NULL,
	"size" bigint NOT NULL,
	CONSTRAINT "blob_contents_upload_id_unique" UNIQUE("upload_id")
);
--> statement-breakpoint
CREATE TABLE "blob_refs" (
	"workspace_id" text NOT NULL,
	"sha256" text NOT NULL,
	"tenant_id" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "blob_refs_workspace_id_sha256_pk" PRIMARY KEY("workspace_id","sha256")
);
--> statement-breakpoint
CREATE INDEX "blob_refs_tenant" ON "blob_refs" USING btree ("tenant_id","sha256");