-- Throttles were keyed by one scope string ("password:user:100001", "ip:203.0.113.7"); 0004 gives
-- kind, method and subject their own columns. They are 15-minute failure counters, so the old
-- rows are dropped rather than rewritten: a counter or lock under way at the upgrade starts over.
DROP TABLE `throttles`;
