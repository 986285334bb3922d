"""The Synchronisation section: enrolment, sync with progress and cancel, conflict inbox."""
