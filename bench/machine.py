"""Describe the machine a benchmark ran on (CPU, cores, RAM, Python, OS), for the report."""

from __future__ import annotations

import os
import platform
from pathlib import Path

__all__ = ["describe_machine", "load_average"]


def describe_machine() -> dict[str, str]:
    """Return report-ready facts about this machine; unknown facts read ``"unknown"``.

    Call it before the timed work: it records the load average at that moment.
    """
    return {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count() or 'unknown'} logical (usable: {_usable_cores()})",
        "RAM": _ram(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "OS": _os_name(),
        "load average before the run": load_average(),
    }


def load_average() -> str:
    """The 1/5/15-minute load averages as text, or ``"unknown"``."""
    # Other work on the machine slows every extractor; the load tells readers how quiet it was.
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _usable_cores() -> str:
    # Containers often restrict the CPUs a process may use below what the host reports.
    try:
        return str(len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return "unknown"


def _ram() -> str:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            kib = int(line.split()[1])
            return f"{kib / 1024 / 1024:.1f} GiB"
    return "unknown"


def _os_name() -> str:
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            pretty = line.split("=", 1)[1].strip().strip('"')
            return f"{pretty}, {platform.system()} {platform.release()}"
    return platform.platform()
