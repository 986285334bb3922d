"""FastAPI dependencies: protocol version check and device authentication."""
