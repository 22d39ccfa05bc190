CREATE TABLE `doc_checkpoints` (
	`doc_pk` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`doc_pk`) REFERENCES `documents`(`pk`) ON UPDATE no action ON DELETE no action
);
