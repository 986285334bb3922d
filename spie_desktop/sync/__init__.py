"""Client side of the sync with the territory server (no Qt; requests for HTTP).

The API the UI and the command line use:

- :func:`spie_desktop.sync.enrolment.enroll` — join a territory server with a one-time code;
  :func:`~spie_desktop.sync.certificate_requests.ensure_certificate` for accounts added later;
- :func:`spie_desktop.sync.engine.run_sync` — a generator of
  :class:`~spie_desktop.sync.progress.SyncProgress` returning a
  :class:`~spie_desktop.sync.progress.SyncReport` (``sync_now`` drives it to the end);
  it honours any cancel token with a ``cancelled`` property between two requests or chunks;
- :mod:`spie_desktop.services.conflicts` (the inbox) and
  :mod:`spie_desktop.services.sync_status` (per-record badges) read what sync stored.

Modules: ``client`` (HTTP and typed errors), ``push`` / ``pull`` / ``blobs`` (the three
exchanges), ``apply`` + ``merge`` (storing a server record, three-way merge), ``retry``.
"""
