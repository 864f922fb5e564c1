-- The offline lock table as the schema scripts created it before the holds column (for the upgrade test).
CREATE TABLE IF NOT EXISTS holdfast_offline_lock (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    object_type VARCHAR(100) NOT NULL,
    object_id VARCHAR(255) NOT NULL,
    holder VARCHAR(255) NULL,
    reason VARCHAR(255) NULL,
    token BIGINT NOT NULL,
    expires_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT uk_holdfast_offline_lock_target UNIQUE (object_type, object_id),
    INDEX ix_holdfast_offline_lock_holder (holder),
    INDEX ix_holdfast_offline_lock_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
