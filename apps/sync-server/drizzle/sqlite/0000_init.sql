CREATE TABLE `doc_snapshots` (
	`doc_id` text NOT NULL,
	`seq` integer NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `doc_snapshots_doc_seq` ON `doc_snapshots` (`doc_id`,`seq`);--> statement-breakpoint
CREATE TABLE `doc_updates` (
	`seq` integer PRIMARY KEY NOT NULL,
	`doc_id` text NOT NULL,
	`prev_seq` integer NOT NULL,
	`blob` blob NOT NULL,
	`actor` text NOT NULL,
	`client` text NOT NULL,
	`ts` integer NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `documents_tenant_workspace` ON `documents` (`tenant_id`,`workspace_id`);