-- Fencing of claims. V1-V3 stay as they were shipped; this only adds.
-- A fresh token per claim. Every write of the send flow names the claim it acts under, so that a copy of a message
-- whose claim ran out (or was given back at a restart) can no longer send it or change its record once another
-- claim has taken it over.
ALTER TABLE gateway_message ADD COLUMN claim_id VARCHAR(36);
