CREATE TABLE `account_links` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`target_id` text NOT NULL,
	`account` text NOT NULL,
	`linked_how` text NOT NULL,
	`created_at` integer NOT NULL,
	`sync_status` text,
	`sync_reason` text,
	`sync_at` integer,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_links_account_idx` ON `account_links` (`employee_id`,`target_id`,`account`);--> statement-breakpoint
CREATE TABLE `pending_passwords` (
	`change_id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`ciphertext` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sync_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`employee_id` text NOT NULL,
	`link_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`link_id`) REFERENCES `account_links`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_jobs_due_idx` ON `sync_jobs` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `sync_jobs_change_idx` ON `sync_jobs` (`change_id`);--> statement-breakpoint
CREATE INDEX `sync_jobs_link_idx` ON `sync_jobs` (`link_id`);