"""Synchronisation: push (validation, rules, the deletion guard, bulk writes, sequence numbers),
pull and the integrity digest, held deletions, record history, blobs, and their routes.

Built on :mod:`spie_server.territory` (who the device is) and the foundation modules at the
top of the package (db, models, errors, sealing...); never imports :mod:`spie_server.admin`.
"""
