-- Documents are identified by (workspace_id, id): the same id in two workspaces is two documents.
-- The log and snapshots refer to a document by its small integer `pk`; old rows keep their seqs.
CREATE TABLE `__new_documents` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`id` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_documents`("tenant_id", "workspace_id", "id", "created_at", "created_by") SELECT "tenant_id", "workspace_id", "id", "created_at", "created_by" FROM `documents` ORDER BY rowid;--> statement-breakpoint
CREATE TABLE `__new_doc_updates` (
	`doc_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`blob` blob NOT NULL,
	`actor` text NOT NULL,
	`client` text NOT NULL,
	`ts` integer NOT NULL,
	PRIMARY KEY(`doc_pk`, `seq`),
	FOREIGN KEY (`doc_pk`) REFERENCES `__new_documents`(`pk`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_doc_updates`("doc_pk", "seq", "blob", "actor", "client", "ts") SELECT d."pk", u."seq", u."blob", u."actor", u."client", u."ts" FROM `doc_updates` u JOIN `__new_documents` d ON d."id" = u."doc_id";--> statement-breakpoint
CREATE TABLE `__new_doc_snapshots` (
	`doc_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`state` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`doc_pk`) REFERENCES `__new_documents`(`pk`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_doc_snapshots`("doc_pk", "seq", "state", "created_at") SELECT d."pk", s."seq", s."state", s."created_at" FROM `doc_snapshots` s JOIN `__new_documents` d ON d."id" = s."doc_id";--> statement-breakpoint
DROP TABLE `doc_updates`;--> statement-breakpoint
DROP TABLE `doc_snapshots`;--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
ALTER TABLE `__new_documents` RENAME TO `documents`;--> statement-breakpoint
ALTER TABLE `__new_doc_updates` RENAME TO `doc_updates`;--> statement-breakpoint
ALTER TABLE `__new_doc_snapshots` RENAME TO `doc_snapshots`;--> statement-breakpoint
CREATE UNIQUE INDEX `documents_workspace_id` ON `documents` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `documents_tenant_workspace` ON `documents` (`tenant_id`,`workspace_id`);--> statement-breakpoint
CREATE INDEX `doc_snapshots_doc_seq` ON `doc_snapshots` (`doc_pk`,`seq`);
