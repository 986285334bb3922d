"""spie-desktop: offline-first desktop tool for the SPIE shared diagnostic interview."""

__version__ = "0.1.0"
