-- Call KPIs of one hotline for the calls queued in [from, to). Rows are signed (see call_facts),
-- so every count and sum is weighted by sign. Dates without a time are midnight in {tz}.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT
    sum(sign) AS offered,
    sumIf(sign, outcome = 'answered') AS answered,
    sumIf(sign, outcome = 'abandoned') AS abandoned,
    sumIf(sign, outcome = 'abandoned' AND wait_ms < {shortAbandonMs:UInt64}) AS shortAbandoned,
    sumIf(sign, outcome = 'timed_out') AS timedOut,
    sumIf(sign, outcome = 'waiting') AS waiting,
    sumIf(sign, outcome = 'answered' AND wait_ms <= {slThresholdMs:UInt64}) AS answeredWithinThreshold,
    sumIf(sign * wait_ms, outcome = 'answered') AS answeredWaitMs,
    sumIf(sign * wait_ms, outcome = 'abandoned') AS abandonedWaitMs,
    sumIf(sign, outcome = 'answered' AND ended_at IS NOT NULL) AS completed,
    sumIf(sign * talk_ms, outcome = 'answered' AND ended_at IS NOT NULL) AS completedTalkMs,
    sumIf(sign * hold_ms, outcome = 'answered' AND ended_at IS NOT NULL) AS completedHoldMs,
    sumIf(sign, outcome = 'answered' AND notEmpty(classes)) AS classified,
    sumIf(sign * transfers, outcome = 'answered') AS transfers
FROM call_facts
WHERE hotline = {hotline:String}
  AND queued_at >= period_start
  AND queued_at < period_end
  AND outcome != 'ivr'
