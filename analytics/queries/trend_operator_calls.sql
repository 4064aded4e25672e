-- Answered calls and their talk time per operator (the one who answered) for the calls queued in
-- [from, to), from the signed call facts: the hourly rollup keeps booths, not operators. Calls
-- without an operator (a PBX that does not say) are left out.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT toString(operator) AS operator, sum(sign) AS answered, sum(sign * talk_ms) AS talkMs
FROM call_facts
WHERE hotline = {hotline:String}
  AND queued_at >= period_start
  AND queued_at < period_end
  AND outcome = 'answered'
  AND operator != ''
  AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
GROUP BY operator
HAVING answered > 0
ORDER BY answered DESC, operator
