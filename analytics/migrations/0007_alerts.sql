-- Wallboard alerts as they start, change level and clear: one row per transition.
CREATE TABLE IF NOT EXISTS alerts {{ON_CLUSTER}}
(
    hotline    LowCardinality(String),
    at         DateTime64(3, 'UTC'),
    key        LowCardinality(String),
    level      LowCardinality(String),
    value      Float64,
    threshold  Float64
)
ENGINE = {{ENGINE MergeTree}}
ORDER BY (hotline, at);
