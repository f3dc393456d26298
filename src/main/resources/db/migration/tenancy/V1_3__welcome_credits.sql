-- A new account starts with 1,000 prepaid message credits (enough for a staged first campaign); the operator adds
-- more. Accounts made before keep what they have.
ALTER TABLE tenant ALTER COLUMN message_credits SET DEFAULT 1000;
ALTER TABLE tenant ADD COLUMN status_reason text;
