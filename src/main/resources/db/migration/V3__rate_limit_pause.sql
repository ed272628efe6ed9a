-- MCE's 429 pauses every call to a business unit, from every gateway instance: the pause is shared here.
CREATE TABLE rate_limit_pause (
    business_unit VARCHAR(64)               NOT NULL,
    paused_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_rate_limit_pause PRIMARY KEY (business_unit)
);
