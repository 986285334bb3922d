"""Retention: when a territory forgets a person's file, and the run that does it."""
