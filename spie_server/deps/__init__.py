"""FastAPI dependencies shared by every route: the protocol version check (device
authentication is :mod:`spie_server.territory.auth`)."""
