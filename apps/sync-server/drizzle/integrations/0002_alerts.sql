CREATE TABLE `alert_firings` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`rule_id` text NOT NULL,
	`at` integer NOT NULL,
	`count` integer NOT NULL,
	`annotations` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `alert_firings_rule` ON `alert_firings` (`tenant_id`,`rule_id`,`at`);--> statement-breakpoint
CREATE TABLE `alert_matches` (
	`tenant_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`doc_id` text NOT NULL,
	`annotation_id` text NOT NULL,
	`title` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `rule_id`, `doc_id`, `annotation_id`)
);
--> statement-breakpoint
CREATE INDEX `alert_matches_time` ON `alert_matches` (`tenant_id`,`rule_id`,`at`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`condition` text NOT NULL,
	`threshold` text,
	`actions` text NOT NULL,
	`muted` integer NOT NULL,
	`armed` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `alert_rules_workspace` ON `alert_rules` (`tenant_id`,`workspace_id`);