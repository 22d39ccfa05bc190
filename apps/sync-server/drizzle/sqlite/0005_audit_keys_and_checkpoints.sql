-- Audit entries become HMAC-sealed (key_id names the key); rows written before keep key_id NULL and
-- their sha256 hashes, and are sealed at the next start by an 'audit.seal' entry (src/audit/chain.ts).
CREATE TABLE `audit_checkpoints` (
	`tenant_id` text NOT NULL,
	`seq` integer NOT NULL,
	`head_seq` integer NOT NULL,
	`ts` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `seq`)
);
--> statement-breakpoint
ALTER TABLE `audit_entries` ADD `key_id` text;