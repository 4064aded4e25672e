-- Per-call aggregate state fed from `events`. Every column merges idempotently (min, max,
-- arg-min/max, unique arrays), so the state is the same whatever order events arrive in and
-- even if an event were stored twice. Read it through `call_facts_current`.
CREATE TABLE IF NOT EXISTS call_state {{ON_CLUSTER}}
(
    hotline          LowCardinality(String),
    call_id          String,
    first_ts         SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    offered_at       SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    queued_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    answered_at      SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    ended_at         SimpleAggregateFunction(max, Nullable(DateTime64(3, 'UTC'))),
    abandoned_at     SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    timeout_at       SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    held_ts          SimpleAggregateFunction(groupUniqArrayArray, Array(DateTime64(3, 'UTC'))),
    resumed_ts       SimpleAggregateFunction(groupUniqArrayArray, Array(DateTime64(3, 'UTC'))),
    transfer_ids     SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    answer_booth     AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    last_booth       AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    answer_operator  AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    classes          AggregateFunction(argMax, Array(String), DateTime64(3, 'UTC')),
    case_id          AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    ended_by         AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    timeout_reason   AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
    line             AggregateFunction(argMin, String, DateTime64(3, 'UTC'))
)
ENGINE = {{ENGINE AggregatingMergeTree}}
ORDER BY (hotline, call_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS call_state_mv {{ON_CLUSTER}} TO call_state AS
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
WHERE call_id != '' AND startsWith(type, 'call.')
GROUP BY hotline, call_id;
