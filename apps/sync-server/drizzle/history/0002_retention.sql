CREATE TABLE `history_retention` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`fold_after_days` integer NOT NULL
);
