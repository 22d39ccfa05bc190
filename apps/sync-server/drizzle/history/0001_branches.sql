CREATE TABLE `branches` (
	`workspace_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`source_id` text NOT NULL,
	`base_version` text NOT NULL,
	`base_seq` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`merged_seq` integer,
	`merged_by` text,
	`merged_at` integer,
	PRIMARY KEY(`workspace_id`, `doc_id`)
);
--> statement-breakpoint
CREATE INDEX `branches_source` ON `branches` (`workspace_id`,`source_id`,`created_at`);