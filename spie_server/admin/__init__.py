"""What an administrator runs: the ``spie-server`` command line (:mod:`.cli`), record history
and undo, held deletions, key rotation, and the engine they open. Nothing below imports it.
"""
