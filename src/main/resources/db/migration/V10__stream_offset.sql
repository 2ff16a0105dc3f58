-- Where each sync stream stands, durably: the offset stored with the sink, as Debezium does. A row is written in
-- the SAME transaction as the page it covers (see PageCommit), so it can never be ahead of the rows nor behind
-- them; Redis holds the fast copy of the same cursor and is only written after the commit. When Redis loses a
-- cursor, the slice engine rebuilds it from this row. Never from max(updated_at) of the table: webhooks write rows
-- newer than the last page and would push that maximum past rows changed in the gap.
--
-- stream is the incremental stream ("products") or one fixed partition of it ("products@<start>..<end>").
-- The whole cursor is durable, not only the watermark:
--   watermark, watermark_id  every row at or below (watermark, watermark_id) in (updated_at, id) order has been
--                            committed; the only part correctness needs, and it never moves backwards
--   window_start/window_end  the window being paged (NULL window_end: none open). A partition whose window is
--                            closed is finished, which a watermark alone cannot say
--   page_cursor              Shopify's endCursor of the last committed page of the open window, so a rebuilt
--                            cursor resumes after it instead of re-reading the window (re-reading would be harmless)
CREATE TABLE stream_offset (
    shop_id       bigint      NOT NULL REFERENCES shop (id),
    stream        text        NOT NULL,
    watermark     timestamptz,
    watermark_id  bigint      NOT NULL DEFAULT 0,
    window_start  timestamptz,
    window_end    timestamptz,
    page_cursor   text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (shop_id, stream),
    CONSTRAINT stream_offset_page_in_window CHECK (page_cursor IS NULL OR window_end IS NOT NULL)
);

-- The (shop_id, updated_at DESC) indexes of V1-V5 were made for the old max(updated_at) rebuild; they stay for
-- "recently changed" reads.

-- Deployments upgraded with data but no offset yet: each incremental stream starts at the furthest watermark a
-- completed slice recorded in sync_run. Only the sync path writes sync_run (webhooks never do), and a slice records
-- a cursor only after the pages behind it committed, so that watermark is backed by committed pages. The open
-- window is left out: the rebuilt cursor re-reads from the watermark. A stream without such a run has no row and
-- is rebuilt from the beginning.
INSERT INTO stream_offset (shop_id, stream, watermark, watermark_id)
SELECT DISTINCT ON (shop_id, resource) shop_id, resource, (cursor_after ->> 'watermark')::timestamptz,
       coalesce((cursor_after ->> 'watermarkId')::bigint, 0)
FROM sync_run
WHERE mode = 'incremental' AND jsonb_typeof(cursor_after -> 'watermark') = 'string'
ORDER BY shop_id, resource, (cursor_after ->> 'watermark')::timestamptz DESC,
         coalesce((cursor_after ->> 'watermarkId')::bigint, 0) DESC;
