-- Shops can be registered in this table instead of the configuration: their Admin API token lives in AWS
-- Secrets Manager (a JSON secret with "accessToken") or SSM Parameter Store (a SecureString), named here, never
-- stored in PostgreSQL. base_url only points tests and proxies elsewhere than https://<domain>.
ALTER TABLE shop
    ADD COLUMN secret_source text CHECK (secret_source IN ('secretsmanager', 'ssm')),
    ADD COLUMN secret_id     text,
    ADD COLUMN base_url      text,
    ADD CONSTRAINT shop_secret_named CHECK ((secret_source IS NULL) = (secret_id IS NULL));
