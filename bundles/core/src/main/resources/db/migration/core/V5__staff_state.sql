-- Server operators and credential versions.
-- operator: the user also operates the server (widget health, the admin page); granted only from the
-- Karaf shell (sightline:user-add --operator, sightline:user-operator), never by a partner admin.
-- credential_version grows whenever what a user's credentials are worth changes (password, enabled,
-- operator): a cache of verified credentials compares it on every request instead of hashing again.
ALTER TABLE staff_user ADD COLUMN operator BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE staff_user ADD COLUMN credential_version BIGINT DEFAULT 0 NOT NULL;
