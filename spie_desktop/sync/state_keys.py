"""Keys of the store's meta table that the sync engine writes and the status bar reads."""

LAST_SYNC_KEY = "last_sync_at"  # moment of the last successful run (UTC, ISO 8601)
