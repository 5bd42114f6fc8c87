-- The audit chain's head: one row, pointing at the genesis hash until the first event.
INSERT INTO "audit_head" ("id", "seq", "hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
