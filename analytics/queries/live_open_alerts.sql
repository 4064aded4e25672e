-- Alerts still open at start-up (their last transition in the last day is not "cleared"), with
-- the time they reached their current level, so a restart keeps each alert's "since".
SELECT key, level, toUnixTimestamp64Milli(since) AS sinceMs, value, threshold
FROM
(
    SELECT toString(key) AS key, toString(argMax(level, at)) AS level, max(at) AS since, argMax(value, at) AS value, argMax(threshold, at) AS threshold
    FROM alerts
    WHERE hotline = {hotline:String} AND at >= now64(3) - INTERVAL 1 DAY
    GROUP BY key
)
WHERE level != 'cleared'
