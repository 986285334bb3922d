"""Repositories: map store rows to domain dataclasses and journal every change."""
