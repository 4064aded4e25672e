-- The clock (duration_s, whole seconds) of every case event of {type} in [from, to): times to
-- locate (case.located) or partner response times (case.partner_responded), counted per second.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT toUInt32(round(duration_s)) AS seconds, count() AS events
FROM case_events
WHERE hotline = {hotline:String}
  AND type = {type:String}
  AND ts >= period_start
  AND ts < period_end
  AND duration_s IS NOT NULL
GROUP BY seconds
