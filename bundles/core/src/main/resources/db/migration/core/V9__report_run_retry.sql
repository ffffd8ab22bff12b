-- Scheduled runs retried in their period (issue 13): a run whose document could not be made or stored is tried
-- again at the next scheduler ticks, a bounded number of times. attempts counts the tries of the period; retry
-- says whether a failed period may still be tried. Rows written before keep their meaning (a failure is final).
-- Owned by org.sightline.core.internal.report.
ALTER TABLE report_run ADD COLUMN attempts INT DEFAULT 1 NOT NULL;
ALTER TABLE report_run ADD COLUMN retry BOOLEAN DEFAULT FALSE NOT NULL;
