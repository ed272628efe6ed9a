-- Status checks that found the message absent at MCE after a send whose outcome was unknown, each followed by a
-- resend. At mce.send.max-unknown-outcome-checks the message FAILS instead: a path to MCE that breaks every answer
-- (a proxy's error page, a 202 without results) would otherwise resend it forever. A replay starts again at 0.
ALTER TABLE gateway_message ADD COLUMN unknown_outcome_checks INTEGER NOT NULL DEFAULT 0;
