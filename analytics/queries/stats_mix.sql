-- Classification mix: answered calls per class over the calls queued in [from, to).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT toString(class) AS class, sum(sign) AS calls
FROM call_facts
ARRAY JOIN classes AS class
WHERE hotline = {hotline:String}
  AND queued_at >= period_start
  AND queued_at < period_end
  AND outcome = 'answered'
GROUP BY class
HAVING calls != 0
ORDER BY class
