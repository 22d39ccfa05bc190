CREATE TABLE `blob_refs` (
	`workspace_id` text NOT NULL,
	`sha256` text NOT NULL,
	`tenant_id` text NOT NULL,
	`size` integer NOT NULL,
	`mime_type` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `sha256`)
);
--> statement-breakpoint
CREATE INDEX `blob_refs_tenant` ON `blob_refs` (`tenant_id`,`sha256`);