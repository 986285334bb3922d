"""Encrypted local storage: SQLCipher engine, ORM models, repositories, key slots, migrations.

Nothing is imported here: the unlock window reads the key slot file through :mod:`.keyslots`
before it is shown and must not wait for SQLAlchemy. The catalogue's tables join the one
metadata of :mod:`.models` where the whole metadata is used (the store, its digest, the
migrations), each of which imports :mod:`.catalogue_rows`.
"""
