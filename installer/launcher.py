"""Entry script of the PyInstaller bundle: the same ``main`` as the ``spie-desktop`` command."""

import sys

from spie_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
