"""Build thresher's optional compiled DOM walk, ``src/thresher/html/_walk.pyx``.

Everything else is declared in pyproject.toml. The walk reads Lexbor's structs, so it is
compiled against the headers of the selectolax release installed beside it: they come from
that release's source distribution, fetched from the package index with pip at build time and
kept under ``build/`` (or read from the archive ``THRESHER_SELECTOLAX_SDIST`` names). Without
Cython, a C compiler or those headers, thresher installs without the module and runs the same
walk in Python, which gives the same output, only slower.
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
MODULE = "thresher.html._walk"
SOURCE = "src/thresher/html/_walk.pyx"
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


def _skip(exc: BaseException) -> None:
    _say(
        f"building without the compiled DOM walk ({type(exc).__name__}: {exc}); "
        "the Python walk gives the same output, slower"
    )


class OptionalBuildExt(build_ext):
    """Build the compiled walk when possible; never fail the install over it."""

    def run(self) -> None:
        try:
            import Cython.Build  # noqa: F401  (setuptools compiles .pyx through it)

            release = version("selectolax")
            headers = _lexbor_headers(release)
        except Exception as exc:  # no Cython, selectolax, headers or package index
            _skip(exc)
            return
        for extension in self.extensions:
            extension.include_dirs.append(str(headers))
            extension.define_macros.append(("THRESHER_SELECTOLAX_VERSION", f'"{release}"'))
            digest = hashlib.sha256((HERE / SOURCE).read_bytes()).hexdigest()
            extension.define_macros.append(("THRESHER_WALK_SOURCE_SHA256", f'"{digest}"'))
        try:
            super().run()
        except Exception as exc:  # no C compiler, or the code did not compile
            _skip(exc)


setup(
    ext_modules=[Extension(MODULE, [SOURCE])],
    cmdclass={"build_ext": OptionalBuildExt},
)
