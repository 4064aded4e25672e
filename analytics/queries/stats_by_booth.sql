-- Answered calls, talk and hold per booth over the calls queued in [from, to).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT
    toString(booth) AS booth,
    sumIf(sign, outcome = 'answered') AS answered,
    sumIf(sign, outcome = 'answered' AND ended_at IS NOT NULL) AS completed,
    sumIf(sign * talk_ms, outcome = 'answered' AND ended_at IS NOT NULL) AS talkMs,
    sumIf(sign * hold_ms, outcome = 'answered' AND ended_at IS NOT NULL) AS holdMs
FROM call_facts
WHERE hotline = {hotline:String}
  AND queued_at >= period_start
  AND queued_at < period_end
  AND booth != ''
GROUP BY booth
HAVING answered != 0
ORDER BY booth
