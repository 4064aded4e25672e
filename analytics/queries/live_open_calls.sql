-- Calls still waiting (queued after {waitingSinceMs}) or still talking (answered after
-- {activeSinceMs}, no end): the open calls live state starts from. Older ones are orphans.
SELECT call_id AS callId, outcome, toUnixTimestamp64Milli(queued_at) AS queuedMs,
       toUnixTimestamp64Milli(answered_at) AS answeredMs, toString(booth) AS booth, toString(operator) AS operator
FROM
(
    SELECT call_id, outcome, queued_at, answered_at, booth, operator, sum(sign) AS net
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND queued_at >= fromUnixTimestamp64Milli(least({waitingSinceMs:Int64}, {activeSinceMs:Int64}), 'UTC')
      AND ((outcome = 'waiting' AND queued_at >= fromUnixTimestamp64Milli({waitingSinceMs:Int64}, 'UTC'))
        OR (outcome = 'answered' AND ended_at IS NULL AND answered_at >= fromUnixTimestamp64Milli({activeSinceMs:Int64}, 'UTC')))
    GROUP BY call_id, outcome, queued_at, answered_at, booth, operator
    HAVING net > 0
)
ORDER BY queuedMs
