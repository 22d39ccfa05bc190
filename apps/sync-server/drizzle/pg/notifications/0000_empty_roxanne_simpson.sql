CREATE TABLE "notifications" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" jsonb NOT NULL,
	"actor" jsonb,
	"created_at" bigint NOT NULL,
	"read_at" bigint,
	CONSTRAINT "notifications_tenant_id_user_id_id_pk" PRIMARY KEY("tenant_id","user_id","id")
);
--> statement-breakpoint
CREATE INDEX "notifications_unread" ON "notifications" USING btree ("tenant_id","user_id","read_at");