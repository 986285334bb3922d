"""Keys of the store's meta table that the sync engine writes and the status bar reads."""

LAST_SYNC_KEY = "last_sync_at"  # moment of the last successful run (UTC, ISO 8601)
ALERT_RULES_KEY = "alert_rules"  # the alert thresholds in force (AlertRules JSON)
# Present (the server's time of the setting) while the thresholds are the territory's own,
# set on its server: the device shows them read-only.
ALERT_RULES_FROM_TERRITORY_KEY = "alert_rules_from_territory"
RETENTION_RULES_KEY = "retention_rules"  # the territory's retention rule (RetentionRules JSON)
# The last offer catalogue sequence value applied on this device (GET /v1/offers/changes).
CATALOGUE_CURSOR_KEY = "offer_catalogue_cursor"
