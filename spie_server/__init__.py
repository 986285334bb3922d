"""The territory server."""
