"""Coverage-guided fuzz targets (atheris / libFuzzer):
``python fuzz/targets.py TARGET [CORPUS_DIR ...] [libFuzzer flags]``; ``make fuzz`` runs them
all through ``fuzz/run.py``. What each target does is in ``fuzz/cases.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports():
    from fuzz.cases import TARGETS


def main() -> None:
    atheris.Setup([sys.argv[0], *sys.argv[2:]], TARGETS[sys.argv[1]])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
