"""Encrypted local storage: SQLCipher engine, ORM models, repositories, key slots, migrations."""

# The catalogue's tables live beside the models: importing them here puts them on the one
# metadata whatever module is imported first.
from . import catalogue_rows as catalogue_rows
