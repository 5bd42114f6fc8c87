CREATE TABLE `approval_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_id` text,
	`number` integer NOT NULL,
	`browser_secret_hash` text NOT NULL,
	`challenge` text,
	`status` text NOT NULL,
	`wrong_numbers` integer NOT NULL,
	`purpose` text NOT NULL,
	`ip` text NOT NULL,
	`user_agent` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by_device` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_requests_browser_secret_hash_unique` ON `approval_requests` (`browser_secret_hash`);--> statement-breakpoint
CREATE INDEX `approval_requests_employee_idx` ON `approval_requests` (`employee_id`,`status`);--> statement-breakpoint
CREATE INDEX `approval_requests_expires_idx` ON `approval_requests` (`expires_at`);