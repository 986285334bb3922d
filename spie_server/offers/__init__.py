"""The offer catalogue: data·inclusion structures and services imported for a territory,
territory-local offers, and the territory's offer change sequence."""
