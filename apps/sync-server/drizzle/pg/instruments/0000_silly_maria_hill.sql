CREATE TABLE "instrument_command_transitions" (
	"tenant_id" text NOT NULL,
	"command_id" text NOT NULL,
	"seq" integer NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"at" bigint NOT NULL,
	"by" jsonb NOT NULL,
	"detail" jsonb,
	CONSTRAINT "instrument_command_transitions_tenant_id_command_id_seq_pk" PRIMARY KEY("tenant_id","command_id","seq")
);
--> statement-breakpoint
CREATE TABLE "instrument_commands" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"instrument_id" text NOT NULL,
	"workspace_id" text,
	"agent_id" text NOT NULL,
	"instrument_key" text NOT NULL,
	"command" text NOT NULL,
	"params" jsonb NOT NULL,
	"note" text,
	"hazard" text NOT NULL,
	"state" text NOT NULL,
	"requested_by" jsonb NOT NULL,
	"requested_at" bigint NOT NULL,
	"decided_by" jsonb,
	"decided_at" bigint,
	"expires_at" bigint NOT NULL,
	"released_at" bigint,
	"acknowledged_at" bigint,
	"progress" jsonb,
	"reason" text,
	"error" jsonb,
	"output" jsonb,
	"finished_at" bigint,
	"cancel_requested_by" jsonb,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "instrument_commands_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "instrument_runs" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"instrument_id" text NOT NULL,
	"workspace_id" text,
	"agent_id" text NOT NULL,
	"run_key" text NOT NULL,
	"command_id" text,
	"protocol" text NOT NULL,
	"operator" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"status" text NOT NULL,
	"started_at" bigint,
	"finished_at" bigint,
	"results" jsonb NOT NULL,
	"qc" jsonb NOT NULL,
	"qc_passed" boolean,
	"artifact_hashes" jsonb NOT NULL,
	CONSTRAINT "instrument_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "instrument_commands_instrument" ON "instrument_commands" USING btree ("tenant_id","instrument_id","id");--> statement-breakpoint
CREATE INDEX "instrument_commands_agent" ON "instrument_commands" USING btree ("tenant_id","agent_id","state");--> statement-breakpoint
CREATE INDEX "instrument_commands_workspace" ON "instrument_commands" USING btree ("tenant_id","workspace_id","state","id");--> statement-breakpoint
CREATE INDEX "instrument_commands_expiry" ON "instrument_commands" USING btree ("state","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "instrument_runs_key" ON "instrument_runs" USING btree ("tenant_id","agent_id","run_key");--> statement-breakpoint
CREATE INDEX "instrument_runs_instrument" ON "instrument_runs" USING btree ("tenant_id","instrument_id","id");