-- Adds the call events received in [{fromMs}, {toMs}] (epoch ms of received_at) to call_state.
-- Every column merges idempotently, so deriving the same window twice changes nothing.
INSERT INTO call_state
SELECT
    hotline,
    call_id,
    min(ts) AS first_ts,
    minIfOrNull(ts, type = 'call.offered') AS offered_at,
    minIfOrNull(ts, type = 'call.queued') AS queued_at,
    minIfOrNull(ts, type = 'call.answered') AS answered_at,
    maxIfOrNull(ts, type = 'call.ended') AS ended_at,
    minIfOrNull(ts, type = 'call.abandoned') AS abandoned_at,
    minIfOrNull(ts, type = 'call.timeout') AS timeout_at,
    groupUniqArrayIf(ts, type = 'call.held') AS held_ts,
    groupUniqArrayIf(ts, type = 'call.resumed') AS resumed_ts,
    groupUniqArrayIf(id, type = 'call.transferred') AS transfer_ids,
    argMinStateIf(toString(booth), ts, type = 'call.answered') AS answer_booth,
    argMaxStateIf(toString(booth), ts, booth != '') AS last_booth,
    argMinStateIf(toString(operator), ts, operator != '') AS answer_operator,
    argMaxStateIf(CAST(classes, 'Array(String)'), ts, type = 'call.classified') AS classes,
    argMaxStateIf(case_id, ts, case_id != '') AS case_id,
    argMaxStateIf(toString(ended_by), ts, type = 'call.ended') AS ended_by,
    argMinStateIf(toString(reason), ts, type = 'call.timeout') AS timeout_reason,
    argMinStateIf(toString(line), ts, line != '') AS line
FROM events
WHERE received_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND received_at <= fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
  AND call_id != ''
  AND startsWith(type, 'call.')
GROUP BY hotline, call_id
