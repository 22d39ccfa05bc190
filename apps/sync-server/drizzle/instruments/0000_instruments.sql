CREATE TABLE `instrument_command_transitions` (
	`tenant_id` text NOT NULL,
	`command_id` text NOT NULL,
	`seq` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	`detail` text,
	PRIMARY KEY(`tenant_id`, `command_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `instrument_commands` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`workspace_id` text,
	`agent_id` text NOT NULL,
	`instrument_key` text NOT NULL,
	`command` text NOT NULL,
	`params` text NOT NULL,
	`note` text,
	`hazard` text NOT NULL,
	`state` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`expires_at` integer NOT NULL,
	`released_at` integer,
	`acknowledged_at` integer,
	`progress` text,
	`reason` text,
	`error` text,
	`output` text,
	`finished_at` integer,
	`cancel_requested_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `instrument_commands_instrument` ON `instrument_commands` (`tenant_id`,`instrument_id`,`id`);--> statement-breakpoint
CREATE INDEX `instrument_commands_agent` ON `instrument_commands` (`tenant_id`,`agent_id`,`state`);--> statement-breakpoint
CREATE INDEX `instrument_commands_workspace` ON `instrument_commands` (`tenant_id`,`workspace_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `instrument_commands_expiry` ON `instrument_commands` (`state`,`expires_at`);--> statement-breakpoint
CREATE TABLE `instrument_runs` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`workspace_id` text,
	`agent_id` text NOT NULL,
	`run_key` text NOT NULL,
	`command_id` text,
	`protocol` text NOT NULL,
	`operator` text NOT NULL,
	`parameters` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`results` text NOT NULL,
	`qc` text NOT NULL,
	`qc_passed` integer,
	`artifact_hashes` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instrument_runs_key` ON `instrument_runs` (`tenant_id`,`agent_id`,`run_key`);--> statement-breakpoint
CREATE INDEX `instrument_runs_instrument` ON `instrument_runs` (`tenant_id`,`instrument_id`,`id`);