CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`outcome` text NOT NULL,
	`actor_id` text,
	`subject_id` text,
	`subject_user_id` text,
	`method` text,
	`ip` text NOT NULL,
	`user_agent` text NOT NULL,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`subject_id`,`seq`);--> statement-breakpoint
CREATE TABLE `audit_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `password_history` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_history_employee_idx` ON `password_history` (`employee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `question_challenges` (
	`user_id` text PRIMARY KEY NOT NULL,
	`positions` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `security_answers` (
	`employee_id` text NOT NULL,
	`position` integer NOT NULL,
	`question_id` text,
	`custom_question` text,
	`custom_language` text,
	`answer_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`employee_id`, `position`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `server_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
-- Sessions gain a required level; open ones end (their holders sign in again).
DELETE FROM `sessions`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `level` text NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `level_reason` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `level_expires_at` integer;