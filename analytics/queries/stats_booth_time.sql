-- Time booths spent in each state within [from, to), per booth and the operator each state names
-- (the summary adds up booths, the trends operators). A state lasts until the booth's next state
-- change, or the period's end, or now ({nowMs}, so one request sees one instant). A booth's state
-- is looked up at most 7 days before the period (a booth silent for longer is taken as offline).
-- {booths} limits the booths (empty: all).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end,
    least(period_end, fromUnixTimestamp64Milli({nowMs:Int64}, 'UTC')) AS clip_end
SELECT toString(booth) AS booth, toString(operator) AS operator, toString(state) AS state,
       sum(toUnixTimestamp64Milli(least(next_ts, clip_end)) - toUnixTimestamp64Milli(greatest(ts, period_start))) AS ms
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
WHERE next_ts > period_start AND ts < clip_end
GROUP BY booth, operator, state
ORDER BY booth, operator, state
