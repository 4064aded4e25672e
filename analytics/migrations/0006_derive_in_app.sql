-- call_state and booth_states are derived by ingest itself (analytics/queries/derive_*.sql) right
-- after each events insert, instead of by materialized views: a view's part and the events part
-- are not written atomically, so kill -9 between them could leave a stored event out of the
-- derived tables for good. Deriving by received_at lets start-up redo any window after a crash
-- (both derivations are idempotent). received_at gets a minmax index: events arrive in its order.
DROP VIEW IF EXISTS call_state_mv {{ON_CLUSTER}};
DROP VIEW IF EXISTS booth_states_mv {{ON_CLUSTER}};
ALTER TABLE events {{ON_CLUSTER}} ADD INDEX IF NOT EXISTS received_at_minmax received_at TYPE minmax GRANULARITY 1;
ALTER TABLE events {{ON_CLUSTER}} MATERIALIZE INDEX received_at_minmax;
