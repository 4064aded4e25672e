-- The last {limit} calls queued in [from, to) with their outcome, for the supervisor's desk.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT call_id AS callId, toUnixTimestamp64Milli(queued_at) AS queuedMs, toString(outcome) AS outcome,
       wait_ms AS waitMs, talk_ms AS talkMs, toString(booth) AS booth, CAST(classes, 'Array(String)') AS classes
FROM
(
    SELECT call_id, queued_at, outcome, wait_ms, talk_ms, booth, classes, sum(sign) AS net
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND queued_at >= period_start
      AND queued_at < period_end
      AND outcome != 'ivr'
    GROUP BY call_id, queued_at, outcome, wait_ms, talk_ms, booth, classes
    HAVING net > 0
)
ORDER BY queued_at DESC
LIMIT {limit:UInt16}
