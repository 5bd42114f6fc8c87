CREATE TABLE `enrolment_links` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`replaced_at` integer,
	`used_at` integer,
	`device_id` text,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrolment_links_token_hash_unique` ON `enrolment_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `enrolment_links_employee_idx` ON `enrolment_links` (`employee_id`);--> statement-breakpoint
CREATE INDEX `enrolment_links_expires_idx` ON `enrolment_links` (`expires_at`);