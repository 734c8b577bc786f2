"""``python -m thresher``: the same command line as the ``thresher`` script."""

from __future__ import annotations

from thresher.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
