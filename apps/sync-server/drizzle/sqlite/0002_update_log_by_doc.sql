PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_doc_updates` (
	`doc_id` text NOT NULL,
	`seq` integer NOT NULL,
	`blob` blob NOT NULL,
	`actor` text NOT NULL,
	`client` text NOT NULL,
	`ts` integer NOT NULL,
	PRIMARY KEY(`doc_id`, `seq`),
	FOREIGN KEY (`doc_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_doc_updates`("doc_id", "seq", "blob", "actor", "client", "ts") SELECT "doc_id", "seq", "blob", "actor", "client", "ts" FROM `doc_updates`;--> statement-breakpoint
DROP TABLE `doc_updates`;--> statement-breakpoint
ALTER TABLE `__new_doc_updates` RENAME TO `doc_updates`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `documents` DROP COLUMN `last_seq`;