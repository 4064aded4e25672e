-- Adds the booth.state events received in [{fromMs}, {toMs}] to booth_states. Deriving a window
-- twice stores a row twice; the interval between a row and its copy is zero, so no figure moves.
INSERT INTO booth_states
SELECT hotline, booth, ts, id, state, reason, operator
FROM events
WHERE received_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND received_at <= fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND type = 'booth.state'
