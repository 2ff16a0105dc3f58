-- How fresh each table is, at a glance: per shop and resource, the last slice that completed its window
-- (the table then holds everything Shopify had up to that slice's window end), the last attempt of any kind,
-- and the last failure.
CREATE VIEW sync_freshness AS
SELECT s.domain                                                        AS shop,
       r.resource,
       max(r.ended_at) FILTER (WHERE r.outcome IN ('COMPLETED', 'UP_TO_DATE') AND r.mode = 'incremental')
                                                                       AS last_complete_at,
       now() - max(r.ended_at) FILTER (WHERE r.outcome IN ('COMPLETED', 'UP_TO_DATE') AND r.mode = 'incremental')
                                                                       AS lag,
       max(r.ended_at) FILTER (WHERE r.mode = 'reconcile' AND r.outcome = 'COMPLETED')
                                                                       AS last_reconciled_at,
       max(r.ended_at)                                                 AS last_attempt_at,
       max(r.ended_at) FILTER (WHERE r.outcome = 'FAILED')             AS last_failure_at
FROM sync_run r
JOIN shop s ON s.id = r.shop_id
GROUP BY s.domain, r.resource;
