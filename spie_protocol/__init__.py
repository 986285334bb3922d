"""Wire contract shared by the desktop client and the territory server."""
