"""The territory dashboard (``/indicators``): managers' logins and sessions, and the
server-rendered pages showing a territory's anonymised indicators. Not part of the wire
contract (devices never call it): its routes are page routes of their own
(:mod:`.routes_pages`), kept out of the OpenAPI document.
"""
