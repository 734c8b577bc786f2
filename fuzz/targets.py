"""Coverage-guided fuzz targets (atheris / libFuzzer):
``python fuzz/targets.py TARGET [CORPUS_DIR ...] [libFuzzer flags]``; ``make fuzz`` runs them
all through ``fuzz/run.py``. What each target does is in ``fuzz/cases.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Atheris keeps a reference to every NumPy array an instrumented comparison returns: the
# flat-text features compare arrays as long as the page, which grew the process by about
# 100 KB per input until libFuzzer stopped at its memory limit (tracemalloc placed it on
# those comparisons; the same inputs run uninstrumented stay flat). That module runs, but is
# not instrumented.
NOT_INSTRUMENTED = ["thresher.text.features"]

with atheris.instrument_imports(exclude=NOT_INSTRUMENTED):
    from fuzz.cases import TARGETS


def main() -> None:
    atheris.Setup([sys.argv[0], *sys.argv[2:]], TARGETS[sys.argv[1]])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
