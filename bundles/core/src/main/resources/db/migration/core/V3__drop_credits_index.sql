-- The customer list sorts by credits in memory (CustomerIndex); no query reads this index, and every
-- usage charge had to update it (in PostgreSQL it also made each charge a non-HOT update that rewrote
-- every index of the customer row).
DROP INDEX IF EXISTS customer_partner_credits_ix;
