-- Time per operator in each booth state within [from, to): each state of a booth lasts until that
-- booth's next state change, or the period's end, or now ({nowMs}), and counts for the operator
-- the state names. A booth's state is looked up at most 7 days before the period (as in
-- stats_booth_time).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end,
    least(period_end, fromUnixTimestamp64Milli({nowMs:Int64}, 'UTC')) AS clip_end
SELECT toString(operator) AS operator, toString(state) AS state, sum(toUnixTimestamp64Milli(least(next_ts, clip_end)) - toUnixTimestamp64Milli(greatest(ts, period_start))) AS ms
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
      AND ts < period_end
      AND ts >= period_start - INTERVAL 7 DAY
      AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
)
WHERE next_ts > period_start AND ts < clip_end AND operator != ''
GROUP BY operator, state
ORDER BY operator, state
