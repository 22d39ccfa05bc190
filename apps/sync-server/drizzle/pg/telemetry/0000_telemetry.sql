CREATE TABLE "telemetry_channels" (
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"channel_key" text NOT NULL,
	"id" text NOT NULL,
	"workspace_id" text,
	"instrument_key" text NOT NULL,
	"data_type" text NOT NULL,
	"unit" text NOT NULL,
	"freshness" text DEFAULT 'STALE' NOT NULL,
	"last_t" double precision,
	"max_span" double precision DEFAULT 0 NOT NULL,
	"pending_count" integer DEFAULT 0 NOT NULL,
	"enum_labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"spec" jsonb NOT NULL,
	CONSTRAINT "telemetry_channels_tenant_id_agent_id_channel_key_pk" PRIMARY KEY("tenant_id","agent_id","channel_key")
);
--> statement-breakpoint
CREATE TABLE "telemetry_chunks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"t_min" double precision NOT NULL,
	"t_max" double precision NOT NULL,
	"count" integer NOT NULL,
	"min" double precision,
	"min_t" double precision,
	"max" double precision,
	"max_t" double precision,
	"blob" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_gaps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"stream" text NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"reported_overflow" bigint NOT NULL,
	"detected_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_instruments" (
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"instrument_key" text NOT NULL,
	"id" text NOT NULL,
	"workspace_id" text,
	"name" text NOT NULL,
	"model" text,
	"connection" text DEFAULT 'OFFLINE' NOT NULL,
	"state" text,
	"alarms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_seen_at" bigint,
	"spec" jsonb NOT NULL,
	CONSTRAINT "telemetry_instruments_tenant_id_agent_id_instrument_key_pk" PRIMARY KEY("tenant_id","agent_id","instrument_key")
);
--> statement-breakpoint
CREATE TABLE "telemetry_pending" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"blob" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telemetry_streams" (
	"tenant_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"stream" text NOT NULL,
	"stored_seq" bigint NOT NULL,
	"overflow" bigint DEFAULT 0 NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "telemetry_streams_tenant_id_agent_id_stream_pk" PRIMARY KEY("tenant_id","agent_id","stream")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "telemetry_channels_id" ON "telemetry_channels" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "telemetry_chunks_range" ON "telemetry_chunks" USING btree ("tenant_id","channel_id","t_min","t_max","count","min","min_t","max","max_t");--> statement-breakpoint
CREATE INDEX "telemetry_chunks_age" ON "telemetry_chunks" USING btree ("t_max");--> statement-breakpoint
CREATE INDEX "telemetry_gaps_agent" ON "telemetry_gaps" USING btree ("tenant_id","agent_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "telemetry_instruments_id" ON "telemetry_instruments" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "telemetry_pending_channel" ON "telemetry_pending" USING btree ("tenant_id","channel_id","id");--> statement-breakpoint
CREATE INDEX "telemetry_pending_age" ON "telemetry_pending" USING btree ("created_at");