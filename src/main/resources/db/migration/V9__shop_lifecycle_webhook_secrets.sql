-- A registered shop's own webhook signing secrets live apart from its Admin token: the internet-facing webhook
-- function may read them and never the token, and they stay readable after the token was revoked or its secret
-- deleted (Shopify sends customers/redact and shop/redact after the uninstall). Both columns name the secret
-- (Secrets Manager JSON with "webhookSecret" and optionally "webhookSecretPrevious", or an SSM SecureString);
-- NULL means the shop's webhooks are signed with the app's secret.
ALTER TABLE shop
    ADD COLUMN webhook_secret_source text CHECK (webhook_secret_source IN ('secretsmanager', 'ssm')),
    ADD COLUMN webhook_secret_id     text,
    ADD CONSTRAINT shop_webhook_secret_named CHECK ((webhook_secret_source IS NULL) = (webhook_secret_id IS NULL));

-- app/uninstalled and shop/redact as requests, never as actions: the webhook records what a verified body of the
-- right shape asked for, and a sync-slice invocation (which holds the shop's token) confirms it with Shopify
-- before anything happens. The rows are the audit trail of every lifecycle decision.
--   uninstall: pending -> confirmed (Shopify refused the token: shop deactivated) | refused (the token works)
--   redact:    pending -> erasing (the shop is uninstalled) -> done | refused (the shop is installed)
CREATE TABLE shop_lifecycle_request (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id      bigint      NOT NULL REFERENCES shop (id),
    kind         text        NOT NULL CHECK (kind IN ('uninstall', 'redact')),
    status       text        NOT NULL DEFAULT 'pending'
                             CHECK (status IN ('pending', 'confirmed', 'refused', 'erasing', 'done')),
    -- the delivery's X-Shopify-Event-Id (unsigned: for the audit trail only, never for a decision)
    event_id     text,
    received_at  timestamptz NOT NULL DEFAULT now(),
    -- when Shopify's answer decided it (confirmed, refused or erasing)
    decided_at   timestamptz,
    completed_at timestamptz,
    rows_erased  bigint      NOT NULL DEFAULT 0,
    -- why it was refused or is still pending; our own words, never a payload value
    reason       text
);
-- At most one open request per shop and kind: a replayed delivery joins the open one instead of queueing twice.
CREATE UNIQUE INDEX shop_lifecycle_request_open_idx ON shop_lifecycle_request (shop_id, kind)
    WHERE status IN ('pending', 'erasing');
-- The planner's question every round: which shops have an open request.
CREATE INDEX shop_lifecycle_request_status_idx ON shop_lifecycle_request (status) WHERE status IN ('pending', 'erasing');

-- A shop that reinstalls gets a new token; the operator points its row at the new secret. That update makes an
-- uninstalled shop active again, whoever runs it (psql, a registration script), with nothing else to remember.
CREATE FUNCTION shop_reactivate_on_new_secret() RETURNS trigger AS $$
BEGIN
    IF NOT NEW.active AND NOT OLD.active AND NEW.secret_id IS NOT NULL
            AND (NEW.secret_source IS DISTINCT FROM OLD.secret_source
                 OR NEW.secret_id IS DISTINCT FROM OLD.secret_id) THEN
        NEW.active := true;
        NEW.uninstalled_at := NULL;
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER shop_reactivate_on_new_secret
    BEFORE UPDATE OF secret_source, secret_id ON shop
    FOR EACH ROW EXECUTE FUNCTION shop_reactivate_on_new_secret();
