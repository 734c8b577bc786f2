"""Build thresher's optional compiled modules: the DOM walk and the metadata elements' scan
(``src/thresher/html/_walk.pyx``) and the kernels (``src/thresher/label/_kernels.pyx``: the
labeller's tree walk, text statistics and context features, the HTML blocks' feature columns
and page-type sums, white space folding, the shapes of flattened text's lines, the tag depth
of big pages, the language identifier's n-gram walk).

Everything else is declared in pyproject.toml. The DOM walk reads Lexbor's structs (and makes
selectolax's node objects, declared in its ``lexbor.pxd``), so it is compiled against the
headers of the selectolax release installed beside it: they come from that release's source
distribution, fetched from the package index with pip at build time and kept under
``build/`` (or read from the archive ``THRESHER_SELECTOLAX_SDIST`` names). The kernels need
only Cython and a C compiler. Each module is built on its own: without Cython, a C compiler
or those headers, thresher installs without it and runs the same steps in Python and NumPy,
which give the same output, only slower.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
WALK = "thresher.html._walk"
# each module's source, and the macro its build records that source's hash in (the module
# refuses to load in a source tree whose .pyx changed after it was built)
SOURCES = {
    WALK: ("src/thresher/html/_walk.pyx", "THRESHER_WALK_SOURCE_SHA256"),
    "thresher.label._kernels": ("src/thresher/label/_kernels.pyx",
                                "THRESHER_KERNELS_SOURCE_SHA256"),
}
_HEADER = Path("lexbor", "dom", "interfaces", "element.h")  # one the walk includes


def _say(message: str) -> None:
    print(f"thresher: {message}", file=sys.stderr, flush=True)


def _lexbor_headers(release: str) -> Path:
    """A directory holding ``lexbor/**.h`` as in selectolax ``release``'s source."""
    target = HERE / "build" / f"selectolax-{release}-headers"
    if (target / _HEADER).is_file():
        return target
    with tempfile.TemporaryDirectory() as tmp:
        archive_name = os.environ.get("THRESHER_SELECTOLAX_SDIST")
        if archive_name:
            archive = Path(archive_name)
        else:
            _say(f"fetching selectolax {release}'s source for Lexbor's headers")
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "--no-binary", ":all:", "--dest", tmp, f"selectolax=={release}"],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
            archive = next(Path(tmp).glob("selectolax-*.tar.gz"))
        staging = Path(tmp, "headers")
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if member.isfile() and member.name.endswith(".h") and "source" in parts:
                    inner = Path(*parts[parts.index("source") + 1 :])
                    if inner.parts[:1] != ("lexbor",) or ".." in inner.parts:
                        continue
                    data = tar.extractfile(member)
                    if data is not None:
                        (staging / inner).parent.mkdir(parents=True, exist_ok=True)
                        (staging / inner).write_bytes(data.read())
        if not (staging / _HEADER).is_file():
            raise FileNotFoundError(f"{archive.name} holds no Lexbor headers")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(staging, target)
    return target


def _skip(module: str, exc: BaseException) -> None:
    _say(
        f"building without the compiled {module} ({type(exc).__name__}: {exc}); "
        "the Python code gives the same output, slower"
    )


class OptionalBuildExt(build_ext):
    """Build each compiled module when possible; never fail the install over one."""

    def run(self) -> None:
        try:
            import Cython.Build  # noqa: F401  (setuptools compiles .pyx through it)
        except Exception as exc:  # no Cython
            _skip("modules", exc)
            return
        super().run()

    def build_extension(self, ext: Extension) -> None:
        try:
            source, macro = SOURCES[ext.name]
            digest = hashlib.sha256((HERE / source).read_bytes()).hexdigest()
            ext.define_macros.append((macro, f'"{digest}"'))
            if ext.name == WALK:
                release = version("selectolax")
                ext.include_dirs.append(str(_lexbor_headers(release)))
                ext.define_macros.append(("THRESHER_SELECTOLAX_VERSION", f'"{release}"'))
            super().build_extension(ext)
        except Exception as exc:  # no selectolax, headers, package index or C compiler
            _skip(ext.name, exc)


setup(
    ext_modules=[Extension(name, [source]) for name, (source, _) in SOURCES.items()],
    cmdclass={"build_ext": OptionalBuildExt},
)
