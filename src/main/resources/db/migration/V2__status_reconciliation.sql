-- Status reconciliation: when each submitted message is next looked up at MCE, and how far each not-sent event
-- feed has been read. V1 stays as it was shipped; this only adds.

-- Per-message status lookups made so far; picks the next delay from mce.status.check-delays.
ALTER TABLE gateway_message ADD COLUMN status_checks INTEGER NOT NULL DEFAULT 0;
-- When reconciliation may look the message up again. NULL: never looked up; due check-delays[0] after submitted_at.
ALTER TABLE gateway_message ADD COLUMN next_status_check_at TIMESTAMP WITH TIME ZONE;
-- When MCE last told the gateway anything about the message (status lookup or not-sent event).
ALTER TABLE gateway_message ADD COLUMN status_checked_at TIMESTAMP WITH TIME ZONE;

-- Reconciliation asks for SUBMITTED and QUEUED messages by due time, and for the oldest of them by age.
CREATE INDEX ix_gateway_message_next_check ON gateway_message (status, next_status_check_at);
CREATE INDEX ix_gateway_message_submitted ON gateway_message (status, submitted_at);

-- One row per business unit and channel: the lastEventId cursor of MCE's not-sent list
-- (GET /messaging/v1/{email|sms}/messages/?type=notSent), so every event is read once, across restarts and
-- instances.
CREATE TABLE gateway_not_sent_cursor (
    business_unit VARCHAR(64)   NOT NULL,
    channel       VARCHAR(8)    NOT NULL,
    -- The lastEventID of the last page applied; the next page asks for events after it. Only ever grows.
    last_event_id BIGINT        NOT NULL DEFAULT 0,
    -- When the last read that reached the end of the list started: NotSent events of messages due before then
    -- are already applied, so those messages need no lookup one by one for them.
    drained_at    TIMESTAMP WITH TIME ZONE,
    -- One instance reads a feed at a time; an expired claim can be taken over.
    claimed_by    VARCHAR(64),
    claimed_until TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_gateway_not_sent_cursor PRIMARY KEY (business_unit, channel)
);
