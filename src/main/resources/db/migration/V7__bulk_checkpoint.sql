-- Where the ingest of each resource's current bulk result stands. It is written in the same transaction as the
-- rows of every chunk, so an invocation that dies anywhere resumes at the next line of the file: no line is
-- applied twice (media appended to raw, line items numbered by their place) and none is skipped.
CREATE TABLE bulk_checkpoint (
    shop_id       bigint      NOT NULL REFERENCES shop (id),
    resource      text        NOT NULL,
    operation_id  text        NOT NULL,
    lines         bigint      NOT NULL,
    bytes         bigint      NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (shop_id, resource)
);
