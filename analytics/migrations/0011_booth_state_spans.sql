-- Booth states as spans of one hotline's period, for the summary's booth time, the operators'
-- occupancy and occupancy over time: each state lasts until its booth's next state change, cut to
-- [since, until) and to now ({nowMs}, epoch ms, so one request sees one instant). A booth's state
-- is looked up at most 7 days before the period (a booth silent for longer is taken as offline).
-- {booths} limits the booths (empty: all). s and e are epoch ms. A parameterized view, so that
-- every reader takes the same definition:
--   SELECT … FROM booth_state_spans(hotline = …, since = …, until = …, tz = …, nowMs = …, booths = […])
CREATE VIEW IF NOT EXISTS booth_state_spans {{ON_CLUSTER}} AS
SELECT booth, operator, state, s, e
FROM
(
    SELECT
        booth,
        operator,
        state,
        toUnixTimestamp64Milli(greatest(ts, parseDateTime64BestEffort({since:String}, 3, {tz:String}))) AS s,
        toUnixTimestamp64Milli(least(next_ts, parseDateTime64BestEffort({until:String}, 3, {tz:String}), fromUnixTimestamp64Milli({nowMs:Int64}, 'UTC'))) AS e
    FROM
    (
        SELECT
            booth,
            operator,
            ts,
            state,
            leadInFrame(ts, 1, toDateTime64('2199-12-31 00:00:00', 3, 'UTC'))
                OVER (PARTITION BY booth ORDER BY ts, id ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_ts
        FROM booth_states
        WHERE hotline = {hotline:String}
          AND ts < parseDateTime64BestEffort({until:String}, 3, {tz:String})
          AND ts >= parseDateTime64BestEffort({since:String}, 3, {tz:String}) - INTERVAL 7 DAY
          AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
    )
)
WHERE e > s
