"""Encrypted local storage: SQLCipher engine, ORM models, repositories, key slots, migrations."""
