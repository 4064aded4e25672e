-- Synthetic booth states: 4 booths changing state every 2 minutes over {spanDays} days, worked by
-- 12 operators in 8-hour shifts (the same operators fill_call_facts names).
INSERT INTO booth_states
SELECT
    'bench' AS hotline,
    toString(1 + number % 4) AS booth,
    toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(intDiv(number, 4) * 120) AS ts,
    toString(number) AS id,
    ['available', 'ringing', 'on_call', 'wrap_up', 'available', 'paused'][1 + cityHash64(number) % 6] AS state,
    '' AS reason,
    concat('op-', toString(1 + (number % 4 + intDiv(intDiv(number, 4) * 120, 28800) * 4) % 12)) AS operator
FROM numbers(toUInt64({spanDays:UInt64} * 720 * 4))
