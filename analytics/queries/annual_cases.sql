-- One row per case opened in [from, to) (hotline time zone): its missing type and cross-border
-- flag at opening, and whether and how it was located within the same period (codes only).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT
    case_id AS caseId,
    argMinIf(toString(missing_type), ts, type = 'case.opened') AS missingType,
    maxIf(cross_border, type = 'case.opened') AS crossBorder,
    maxIf(episode, type = 'case.opened') AS episode,
    countIf(type = 'case.located' AND ts < period_end) > 0 AS located,
    argMinIf(toString(status), ts, type = 'case.located' AND ts < period_end) AS locatedStatus
FROM case_events FINAL
WHERE hotline = {hotline:String}
  AND ts >= period_start
  AND case_id IN (
      SELECT case_id FROM case_events
      WHERE hotline = {hotline:String} AND type = 'case.opened' AND ts >= period_start AND ts < period_end
  )
GROUP BY case_id
