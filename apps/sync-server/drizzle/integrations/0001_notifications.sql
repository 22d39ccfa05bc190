CREATE TABLE `notifications` (
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text NOT NULL,
	`actor` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	PRIMARY KEY(`tenant_id`, `user_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `notifications_unread` ON `notifications` (`tenant_id`,`user_id`,`read_at`);