"""A territory and who may speak for it: its keys and CA, its devices and their tokens,
enrolment codes, counsellor certificates and the revocation list, and their routes.

Built on the foundation modules at the top of the package; never imports
:mod:`spie_server.sync` or :mod:`spie_server.admin`.
"""
