-- The longest wait of a call that left the queue in [from, to) (answered, abandoned, timed out), ms.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT max(wait_ms) AS maxWaitMs
FROM
(
    SELECT call_id, wait_ms, sum(sign) AS net
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND queued_at >= period_start
      AND queued_at < period_end
      AND outcome IN ('answered', 'abandoned', 'timed_out')
    GROUP BY call_id, wait_ms
    HAVING net > 0
)
