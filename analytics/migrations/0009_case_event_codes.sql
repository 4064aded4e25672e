-- Codes carried by case.* events (contract v1, additive): enough for trends to count cases by
-- missing type, priority, age band and coarse area, repeat episodes, partner kinds and actions,
-- and the clocks. Never names, numbers or free text (privacy rules).
ALTER TABLE events {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS from_status LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS missing_type LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS priority LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS age_band LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS area LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS episode UInt16 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS cross_border UInt8 DEFAULT 0,
    ADD COLUMN IF NOT EXISTS action LowCardinality(String) DEFAULT '',
    ADD COLUMN IF NOT EXISTS referral_id String DEFAULT '',
    ADD COLUMN IF NOT EXISTS since_last_seen_s Nullable(Float64),
    ADD COLUMN IF NOT EXISTS expected_s Nullable(Float64);
