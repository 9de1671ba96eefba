"""CPU time of the test suite, whole and per test module. Prints figures, asserts nothing.

Run: python3 bench/suite.py [--modules] [pytest arguments...]
The suite runs in its own cgroup (v2, or v1's cpuacct), so the figure counts every process it
starts, Chromium's renderers and the `mkdocs build` subprocesses included, and stays the same
whatever else the machine is doing (wall time does not). On N cores the suite cannot take less
wall time than its CPU time divided by N. `--modules` runs each module alone as well (slow: one
process per module, one after the other) and prints them, most expensive first.
Needs to create a cgroup (root, or a delegated cgroup v2 subtree); without one it says so and
falls back to the CPU time of waited-for child processes, which misses processes Chromium kills.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cgroup() -> tuple[Path, Path] | None:
    """A new cgroup for the run: (its folder, the file that counts its CPU), or None."""
    name = f"roadmap-bench-{os.getpid()}"
    for base, counter in (("/sys/fs/cgroup", "cpu.stat"), ("/sys/fs/cgroup/cpuacct", "cpuacct.usage")):
        folder = Path(base) / name
        if counter == "cpu.stat" and not (Path(base) / "cgroup.controllers").is_file():
            continue  # not cgroup v2
        try:
            folder.mkdir()
        except OSError:
            continue
        return folder, folder / counter
    return None


def _cpu_seconds(counter: Path) -> float:
    text = counter.read_text()
    if counter.name == "cpuacct.usage":
        return int(text) / 1e9
    usage = dict(line.split() for line in text.splitlines())
    return int(usage["usage_usec"]) / 1e6


def measure(cmd: list[str]) -> tuple[float, float, int, str]:
    """(CPU seconds, wall seconds, exit code, how CPU was counted) of one command."""
    group = _cgroup()
    start = time.monotonic()
    if group is None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        code = subprocess.run(cmd, cwd=ROOT, check=False).returncode
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return cpu, time.monotonic() - start, code, "waited-for children only (no cgroup could be made)"
    folder, counter = group
    # The child joins the cgroup before it starts pytest, so everything it starts is counted.
    join = f'echo $$ > {folder / "cgroup.procs"} && exec "$@"'
    code = subprocess.run(["sh", "-c", join, "sh", *cmd], cwd=ROOT, check=False).returncode
    wall = time.monotonic() - start
    cpu = _cpu_seconds(counter)
    for _ in range(50):  # the last processes may still be leaving
        try:
            folder.rmdir()
            break
        except OSError:
            time.sleep(0.1)
    return cpu, wall, code, f"cgroup ({counter.name})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", action="store_true", help="also run each test module alone")
    args, pytest_args = parser.parse_known_args()
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"]
    whole = [*pytest, "-n", "2", "--dist", "loadscope", *pytest_args]
    cpu, wall, code, how = measure(whole)
    cores = os.cpu_count() or 1
    print(f"\nwhole suite (`{' '.join(whole[1:])}`): CPU {cpu:.0f} s, wall {wall:.0f} s, exit {code}")
    print(f"  CPU counted by: {how}; {cores} cores here: no less than {cpu / cores:.0f} s of wall time")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    if not args.modules:
        return
    rows = []
    for module in sorted((ROOT / "tests").glob("*/test_*.py")):
        cpu, wall, code, _ = measure([*pytest, str(module.relative_to(ROOT)), *pytest_args])
        rows.append((cpu, wall, code, module.relative_to(ROOT).as_posix()))
    print("\nCPU s   wall s  exit  module (alone, one process)")
    for cpu, wall, code, name in sorted(rows, reverse=True):
        print(f"{cpu:6.1f}  {wall:6.1f}  {code:4}  {name}")
    print(f"{sum(r[0] for r in rows):6.1f}  {sum(r[1] for r in rows):6.1f}        all modules")


if __name__ == "__main__":
    main()
