-- Booth state changes, ordered per booth in time: occupancy and wrap-up come from the intervals
-- between consecutive rows of one booth.
CREATE TABLE IF NOT EXISTS booth_states {{ON_CLUSTER}}
(
    hotline   LowCardinality(String),
    booth     LowCardinality(String),
    ts        DateTime64(3, 'UTC'),
    id        String,
    state     LowCardinality(String),
    reason    LowCardinality(String),
    operator  LowCardinality(String)
)
ENGINE = {{ENGINE ReplacingMergeTree}}
ORDER BY (hotline, booth, ts, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS booth_states_mv {{ON_CLUSTER}} TO booth_states AS
SELECT hotline, booth, ts, id, state, reason, operator
FROM events
WHERE type = 'booth.state';
