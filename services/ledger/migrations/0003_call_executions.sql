-- A call redelivered while its first run was still going (its lease ran out across a NATS restart,
-- or its executor was killed) can reach the provider twice. Each run is billed: a call's records
-- are unique on (call_id, execution), where execution is the delivery that ran it. A replay of a
-- stored result carries the execution that produced it, so it still changes nothing.
ALTER TABLE call_records ADD COLUMN execution INTEGER NOT NULL DEFAULT 1;
ALTER TABLE call_records DROP CONSTRAINT call_records_pkey;
ALTER TABLE call_records ADD PRIMARY KEY (call_id, execution);
