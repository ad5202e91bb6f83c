"""policyval against check-jsonschema, side by side, in one run.

    pip install -e '.[bench]' && python bench/run.py            # full run, a few minutes on 2 cores
    python bench/run.py --quick                                 # fewer repeats, for a smoke test

Every measurement is a fresh process: wall time, and the peak memory of its whole
process tree (the sum of PSS over the process and its workers, so pages forked workers
share count once, sampled every 20 ms, and never less than the largest single process's
own RSS high-water mark). Both tools run from
the same virtualenv on the same files, with their output sent to /dev/null; their runs
alternate, so drift on the machine hits both alike. Ratios are computed pair by pair
(run i of one against run i of the other), then the median.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # bench/ is not a package

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "policy-1.0.schema.json"
BIN = Path(sys.executable).parent
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Sample:
    seconds: float
    peak_kb: int
    code: int


@dataclass
class Series:
    label: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return statistics.median(s.peak_kb for s in self.samples) / 1024

    @property
    def codes(self) -> set[int]:
        return {s.code for s in self.samples}


def _children(pid: int) -> list[int]:
    """Every process whose parent is ``pid`` (scans /proc: portable across kernels)."""
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            # The command name may hold spaces or parentheses: fields start after the last ')'.
            if int(stat[stat.rindex(b")") + 2 :].split()[1]) == pid:
                kids.append(int(entry))
    return kids


def _memory_kb(pid: int) -> int:
    """Proportional set size: pages shared with forked workers are counted once in the sum."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
        with open(f"/proc/{pid}/statm", "rb") as fh:  # no smaps_rollup: RSS, an upper bound
            return int(fh.read().split()[1]) * PAGE // 1024
    except OSError:
        return 0
    return 0


def _tree_kb(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo.extend(_children(pid))
    return total


# Runs one command and reports its wall time and the largest RSS among its processes
# (RUSAGE_CHILDREN). A small fresh launcher, because a child forked from this bench process
# would inherit this process's own RSS as its high-water mark.
LAUNCHER = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - t
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(cmd: Sequence[str], cwd: Path) -> Sample:
    """Run ``cmd`` once as a fresh process; wall time and peak memory of its process tree."""
    peak = 0
    done = threading.Event()
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, *cmd], cwd=cwd, stdout=subprocess.PIPE, text=True)

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, sum(_tree_kb(child) for child in _children(proc.pid)))

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    out, _ = proc.communicate()
    done.set()
    if sampler.is_alive():
        sampler.join()
    seconds, largest, code = out.split()
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    largest_kb = int(largest) // 1024 if sys.platform == "darwin" else int(largest)
    return Sample(float(seconds), max(peak, largest_kb), int(code))


def pairs(
    a: Sequence[str], b: Sequence[str], cwd: Path, runs: int, label_a: str, label_b: str
) -> tuple[Series, Series]:
    """``runs`` runs of each, alternating which goes first."""
    sa, sb = Series(label_a), Series(label_b)
    for i in range(runs):
        order = [(a, sa), (b, sb)] if i % 2 == 0 else [(b, sb), (a, sa)]
        for cmd, series in order:
            series.samples.append(measure(cmd, cwd))
    return sa, sb


def ratio(a: Series, b: Series) -> float:
    return statistics.median(x.seconds / y.seconds for x, y in zip(a.samples, b.samples, strict=True))


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            raise SystemExit(f"bench: {name} is not installed; run: pip install -e '.[bench]'")
        return found
    return str(path)


def corpus(out: Path, count: int, seed: int) -> list[str]:
    """The benchmark's files (relative to ``out``), generated once per seed set and kept."""
    digest = hashlib.sha256()
    for name, data in generate.seeds():
        digest.update(name.encode() + repr(data).encode())
    digest.update((ROOT / "bench" / "generate.py").read_bytes())
    stamp = out / "MANIFEST"
    key = f"{count} {seed} {digest.hexdigest()}\n"
    if not (stamp.exists() and stamp.read_text() == key):
        shutil.rmtree(out, ignore_errors=True)
        print(f"bench: generating {count} policies under {out} ...", file=sys.stderr)
        generate.generate(out, count, seed)
        generate.broken(out)
        stamp.write_text(key)
    files = [f"d{n // generate.PER_DIR:03d}/policy-{n:05d}.yaml" for n in range(count)]
    for f in files:  # the same warm page cache for both tools
        (out / f).read_bytes()
    return files


def sanity(pv: list[str], cjs: list[str], out: Path, good: str) -> list[str]:
    """Both tools must actually validate: pass a good file, fail a broken one."""
    notes = []
    for name, cmd in (("policyval", pv), ("check-jsonschema", cjs)):
        bad = subprocess.run([*cmd, "broken.yaml"], cwd=out, capture_output=True, text=True)
        ok = subprocess.run([*cmd, good], cwd=out, capture_output=True, text=True)
        if bad.returncode != 1 or "broken.yaml" not in bad.stdout:
            raise SystemExit(f"bench: {name} did not report the broken file:\n{bad.stdout}{bad.stderr}")
        if ok.returncode == 2:
            raise SystemExit(f"bench: {name} failed on a generated file:\n{ok.stdout}{ok.stderr}")
        notes.append(f"{name}: broken file exit {bad.returncode}, generated file exit {ok.returncode}")
    return notes


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _verdict(value: float, limit: float) -> str:
    return "yes" if value <= limit else "**no**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (3/3/1/10), for a smoke test")
    parser.add_argument("--files", type=int, default=10_000, help="size of the large corpus (default 10000)")
    parser.add_argument("--seed", type=int, default=6, help="random seed of the generator")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the corpus is kept")
    args = parser.parse_args(argv)
    runs = {"one": 3, "1k": 3, "10k": 1, "version": 10} if args.quick else {"one": 9, "1k": 3, "10k": 3, "version": 21}

    out = args.out.resolve() / f"corpus-{args.files}-{args.seed}"
    files = corpus(out, args.files, args.seed)
    pv = [_tool("policyval"), "check"]
    cjs = [_tool("check-jsonschema"), "--schemafile", str(SCHEMA)]
    notes = sanity(pv, cjs, out, files[0])

    rows = []
    targets = {"one": 0.8, "1k": 0.5, "10k": 0.5}
    sets = {"one": files[:1], "1k": files[:1000], "10k": files}
    names = {"one": "1 file, cold process", "1k": f"{len(sets['1k']):,} files", "10k": f"{len(files):,} files"}
    memory = {}
    for key in ("one", "1k", "10k"):
        print(f"bench: {names[key]} x{runs[key]} ...", file=sys.stderr)
        a, b = pairs([*pv, *sets[key]], [*cjs, *sets[key]], out, runs[key], "policyval", "check-jsonschema")
        r = ratio(a, b)
        rows.append(
            (
                names[key],
                _fmt_time(a.seconds),
                _fmt_time(b.seconds),
                f"{r:.2f}x",
                f"≤ {targets[key]}x",
                _verdict(r, targets[key]),
            )
        )
        memory[key] = (a, b)
        notes.append(f"{names[key]}: exit codes policyval {sorted(a.codes)}, check-jsonschema {sorted(b.codes)}")
    print("bench: --version x{} ...".format(runs["version"]), file=sys.stderr)
    a, b = pairs(
        [_tool("policyval"), "--version"],
        [sys.executable, "-c", "pass"],
        out,
        runs["version"],
        "policyval --version",
        "python -c pass",
    )
    r = ratio(a, b)
    rows.append(
        (
            "`policyval --version` vs `python -c pass`",
            _fmt_time(a.seconds),
            _fmt_time(b.seconds),
            f"{r:.2f}x",
            "≤ 2x",
            _verdict(r, 2.0),
        )
    )
    for key in ("one", "1k", "10k"):
        pa, pb = memory[key]
        target, met = ("≤ 150 MB", _verdict(pa.peak_mb, 150)) if key == "10k" else ("", "")
        rows.append(
            (
                f"peak memory, {names[key]}",
                f"{pa.peak_mb:.0f} MB",
                f"{pb.peak_mb:.0f} MB",
                f"{pa.peak_mb / pb.peak_mb:.2f}x",
                target,
                met,
            )
        )

    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("policyval", "check-jsonschema", "jsonschema"))
    print(
        f"{_cores()} cores ({_cpu()}), Python {platform.python_version()}, {versions}; "
        f"runs: {runs['one']} (1 file), {runs['1k']} (1k), {runs['10k']} (10k), {runs['version']} (--version); "
        f"median wall time, ratio = median of per-run ratios.\n"
    )
    print("| measurement | policyval | check-jsonschema | ratio | target | met |")
    print("|---|--:|--:|--:|--:|:-:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
