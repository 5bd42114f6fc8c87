CREATE TABLE `target_accounts` (
	`target_id` text NOT NULL,
	`account` text NOT NULL,
	`user_id` text,
	`password_hash` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`target_id`, `account`)
);
--> statement-breakpoint
CREATE INDEX `target_accounts_user_idx` ON `target_accounts` (`target_id`,`user_id`);