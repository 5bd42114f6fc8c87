CREATE TABLE `device_passkeys` (
	`credential_id` text PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`employee_id` text NOT NULL,
	`public_key` text NOT NULL,
	`counter` integer NOT NULL,
	`transports` text NOT NULL,
	`backed_up` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`device_id`) REFERENCES `mobile_devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `device_passkeys_employee_idx` ON `device_passkeys` (`employee_id`);--> statement-breakpoint
CREATE INDEX `device_passkeys_device_idx` ON `device_passkeys` (`device_id`);--> statement-breakpoint
CREATE TABLE `mobile_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`name` text NOT NULL,
	`platform` text NOT NULL,
	`language` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`credential_hash` text NOT NULL,
	`totp_secret` text NOT NULL,
	`totp_last_step` integer,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mobile_devices_credential_hash_unique` ON `mobile_devices` (`credential_hash`);--> statement-breakpoint
CREATE INDEX `mobile_devices_employee_idx` ON `mobile_devices` (`employee_id`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`device_id` text PRIMARY KEY NOT NULL,
	`employee_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `mobile_devices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_employee_idx` ON `push_subscriptions` (`employee_id`);--> statement-breakpoint
CREATE TABLE `webauthn_challenges` (
	`challenge` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`owner` text NOT NULL,
	`employee_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webauthn_challenges_expires_idx` ON `webauthn_challenges` (`expires_at`);