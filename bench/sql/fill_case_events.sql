-- Synthetic case events for the trends benchmark: {cases} cases of hotline 'bench' over
-- {spanDays} days from 2024-01-01, each opened, referred to the police, answered, and most located.
INSERT INTO case_events
SELECT
    'bench' AS hotline,
    opened + toIntervalSecond(step_offset) AS ts,
    concat('bench-case-', toString(n), '-', toString(step)) AS id,
    ['case.opened', 'case.referred', 'case.partner_responded', 'case.located'][step] AS type,
    concat('bench-case-', toString(n)) AS case_id,
    if(step = 4, 'located_safe', 'search_active') AS status,
    '' AS from_status,
    ['runaway', 'runaway', 'runaway', 'lost_injured', 'parental_abduction_national', 'parental_abduction_international', 'unaccompanied_migrant', 'other'][1 + cityHash64(n, 1) % 8] AS missing_type,
    ['normal', 'normal', 'high', 'critical'][1 + cityHash64(n, 2) % 4] AS priority,
    ['0-5', '6-12', '13-15', '16-17'][1 + cityHash64(n, 3) % 4] AS age_band,
    concat('AL-', leftPad(toString(1 + cityHash64(n, 4) % 12), 2, '0')) AS area,
    toUInt16(1 + (cityHash64(n, 5) % 5 = 0)) AS episode,
    toUInt8(cityHash64(n, 6) % 10 = 0) AS cross_border,
    if(step IN (2, 3), ['state_police', 'child_protection', 'mobile_operator', 'embassy'][1 + cityHash64(n, 7) % 4], '') AS partner,
    if(step IN (2, 3), 'report_missing', '') AS action,
    if(step IN (2, 3), concat('bench-ref-', toString(n)), '') AS referral_id,
    multiIf(step = 3, toFloat64(cityHash64(n, 8) % 14400), step = 4, toFloat64(3600 + cityHash64(n, 9) % 259200), NULL) AS duration_s,
    if(step = 4, toFloat64(7200 + cityHash64(n, 9) % 259200), NULL) AS since_last_seen_s,
    if(step IN (2, 3), 3600., NULL) AS expected_s
FROM
(
    SELECT
        number AS n,
        toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(intDiv(number * {spanDays:UInt64} * 86400000, {cases:UInt64})) AS opened,
        arrayJoin(if(cityHash64(number, 10) % 10 < 8, [1, 2, 3, 4], [1, 2, 3])) AS step,
        [0, 600, 600 + cityHash64(number, 8) % 14400, 3600 + cityHash64(number, 9) % 259200][step] AS step_offset
    FROM numbers({cases:UInt64})
)
