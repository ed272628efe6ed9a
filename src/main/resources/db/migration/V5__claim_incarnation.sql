-- Which run of an instance made a claim (a new id each time the process starts; meaningful while claimed_by is set).
-- At start-up an instance gives back only the claims of its earlier runs: in a rolling restart with a stable
-- gateway.instance-id the old process may still be running, and its copies are then stopped by the claim fence.
ALTER TABLE gateway_message ADD COLUMN claim_boot VARCHAR(36);
