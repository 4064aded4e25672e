-- The oldest call still waiting, among those queued in [from, to) and after {since}
-- (older unanswered calls without an exit are orphans, closed by the janitor rule).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT toUnixTimestamp64Milli(min(queued_at)) AS oldestQueuedMs, count() AS waitingNow
FROM
(
    SELECT call_id, queued_at, sum(sign) AS net
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND queued_at >= greatest(period_start, fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC'))
      AND queued_at < period_end
      AND outcome = 'waiting'
    GROUP BY call_id, queued_at
    HAVING net > 0
)
