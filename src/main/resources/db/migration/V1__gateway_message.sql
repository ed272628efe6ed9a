-- Every message the gateway has accepted, from acceptance to its final MCE status. The primary key is the
-- idempotency guarantee: a messageKey is stored once per channel, so it can be sent to MCE at most once, whatever
-- the number of gateway instances sharing this database.
CREATE TABLE gateway_message (
    channel            VARCHAR(8)    NOT NULL,
    message_key        VARCHAR(100)  NOT NULL,
    business_unit      VARCHAR(64)   NOT NULL,
    definition_key     VARCHAR(200)  NOT NULL,
    -- The recipient object as MCE takes it (contactKey, to, attributes).
    recipient_json     TEXT          NOT NULL,
    -- Request-level attributes shared by a batch; part of the batch group.
    attributes_json    TEXT,
    -- Messages with the same group (business unit, channel, definition, shared attributes) can share a batch.
    batch_group        VARCHAR(64)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    attempts           INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Row claiming: an instance owns a row until claimed_until; an expired claim can be taken over.
    claimed_by         VARCHAR(64),
    claimed_until      TIMESTAMP WITH TIME ZONE,
    -- The last attempt may or may not have reached MCE: check its status before any resend.
    outcome_unknown    BOOLEAN       NOT NULL DEFAULT FALSE,
    mce_request_id     VARCHAR(64),
    last_error_source  VARCHAR(24),
    last_error_code    VARCHAR(32),
    last_error_message VARCHAR(1000),
    mce_status_code    INTEGER,
    mce_status_message VARCHAR(200),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_gateway_message PRIMARY KEY (channel, message_key)
);

-- The delivery poller asks for due messages by status and time.
CREATE INDEX ix_gateway_message_due ON gateway_message (status, next_attempt_at);
