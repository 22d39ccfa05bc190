CREATE TABLE `history_entries` (
	`workspace_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`first_seq` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`actor` text NOT NULL,
	`session` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`started_at` integer NOT NULL,
	`ended_at` integer NOT NULL,
	`updates` integer NOT NULL,
	`bytes` integer NOT NULL,
	`summary` text NOT NULL,
	`snapshot` blob NOT NULL,
	PRIMARY KEY(`workspace_id`, `doc_id`, `first_seq`)
);
--> statement-breakpoint
CREATE INDEX `history_entries_last` ON `history_entries` (`workspace_id`,`doc_id`,`last_seq`);--> statement-breakpoint
CREATE TABLE `history_parts` (
	`workspace_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`part` text NOT NULL,
	`first_seq` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `doc_id`, `part`, `first_seq`)
);
--> statement-breakpoint
CREATE TABLE `named_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`snapshot` blob NOT NULL
);
--> statement-breakpoint
CREATE INDEX `named_versions_doc` ON `named_versions` (`workspace_id`,`doc_id`,`seq`);