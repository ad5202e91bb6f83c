"""policyval against check-jsonschema, side by side, in one run.

    pip install -e '.[bench]' && python bench/run.py            # full run, about half an hour on 2 cores
    python bench/run.py --quick                                 # fewer repeats, for a smoke test
    python bench/run.py --only seeds --files 2000               # one set, smaller

Two sets of files: the seed mix (10,000 copies of the five seed policies in policies/, the
real mix, with about 20 findings a file) and the synthetic set (bench/generate.py: varied,
schema-valid policies). On each: one file in a cold process, pre-commit's usual call (5
files), 1,000 files (default jobs with the text report, ``-j1``, and the JSON report, so
that output is paid for too), 10,000 files, and the peak memory of 10,000 files in every
output format. Then ``policyval --version`` against a bare ``python -c pass``.

Every measurement is a fresh process: wall time, and the peak memory of its whole
process tree (the sum of PSS over the process and its workers, so pages forked workers
share count once, sampled every 20 ms, and never less than the largest single process's
own RSS high-water mark). Both tools run from the same virtualenv on the same files, with
their output sent to /dev/null. The commands of a group run in rounds, each round starting
one command later, so drift on the machine hits all alike; ratios are computed round by
round (run i of one against run i of the other), then the median.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # bench/ is not a package

ROOT = Path(__file__).resolve().parent.parent
# The schema every file of both sets declares (bench/generate.py brings older seeds to it):
# check-jsonschema must do the same work as policyval's schema stage, not reject the files.
SCHEMA = ROOT / "schema" / f"policy-{generate.LATEST}.schema.json"
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


def rounds(cmds: Sequence[Sequence[str]], cwd: Path, runs: int) -> list[Series]:
    """``runs`` rounds of every command; each round starts one command later, so that
    drift on the machine hits each alike. The first command is the baseline of the group."""
    series = [Series(" ".join(Path(cmd[0]).name if i == 0 else a for i, a in enumerate(cmd[:3]))) for cmd in cmds]
    for i in range(runs):
        order = list(range(len(cmds)))
        order = order[i % len(order) :] + order[: i % len(order)]
        for n in order:
            series[n].samples.append(measure(cmds[n], cwd))
    return series


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


def compiled() -> None:
    """Bytecode for policyval's modules, as an installed wheel has. An editable install run
    with PYTHONDONTWRITEBYTECODE set would compile every module again in every process, and
    the bench would time the compiler (half of a cold check)."""
    spec = importlib.util.find_spec("policyval")
    for folder in spec.submodule_search_locations or () if spec is not None else ():
        compileall.compile_dir(folder, quiet=1)


def _stamped(out: Path, key: str, make: Callable[[], None]) -> None:
    """Run ``make`` into a fresh ``out`` unless ``out`` was made with this very ``key``."""
    stamp = out / "MANIFEST"
    if stamp.exists() and stamp.read_text() == key:
        return
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    make()
    stamp.write_text(key)


def synthetic(out: Path, count: int, seed: int) -> list[str]:
    """The generated corpus (relative to ``out``), made once per seed set and kept."""
    digest = hashlib.sha256()
    for name, data in generate.seeds():
        digest.update(name.encode() + repr(data).encode())
    digest.update((ROOT / "bench" / "generate.py").read_bytes())

    def make() -> None:
        print(f"bench: generating {count} policies under {out} ...", file=sys.stderr)
        generate.generate(out, count, seed)
        generate.broken(out)

    _stamped(out, f"{count} {seed} {digest.hexdigest()}\n", make)
    return [f"d{n // generate.PER_DIR:03d}/policy-{n:05d}.yaml" for n in range(count)]


def seed_copies(out: Path, count: int) -> list[str]:
    """``count`` copies of the seed policies in policies/, in turn: the real mix, with the
    findings the encoded seed texts have (about 20 a file)."""
    sources = sorted((ROOT / "policies").glob("*.yaml"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()
    files = [f"d{n // generate.PER_DIR:03d}/{sources[n % len(sources)].stem}-{n:05d}.yaml" for n in range(count)]

    def make() -> None:
        print(f"bench: copying the seeds to {count} files under {out} ...", file=sys.stderr)
        for n, name in enumerate(files):
            (out / name).parent.mkdir(exist_ok=True)
            shutil.copyfile(sources[n % len(sources)], out / name)
        generate.broken(out)

    _stamped(out, f"{count} {digest}\n", make)
    return files


def warm(out: Path, files: Sequence[str]) -> None:
    for f in files:  # the same warm page cache for every tool
        (out / f).read_bytes()


def sanity(pv: list[str], cjs: list[str], out: Path, good: str) -> list[str]:
    """Both tools must actually validate: pass a schema-valid file, fail a broken one."""
    notes = []
    for name, cmd in (("policyval", pv), ("check-jsonschema", cjs)):
        bad = subprocess.run([*cmd, "broken.yaml"], cwd=out, capture_output=True, text=True)
        ok = subprocess.run([*cmd, good], cwd=out, capture_output=True, text=True)
        if bad.returncode != 1 or "broken.yaml" not in bad.stdout:
            raise SystemExit(f"bench: {name} did not report the broken file:\n{bad.stdout}{bad.stderr}")
        if ok.returncode == 2 or (name == "check-jsonschema" and ok.returncode != 0):
            # policyval may exit 1 on a schema-valid policy (semantic findings); the schema
            # alone must pass it, or the two tools are not checking the same thing.
            raise SystemExit(f"bench: {name} failed on a policy:\n{ok.stdout}{ok.stderr}")
        notes.append(f"{name}: broken file exit {bad.returncode}, a policy of the set exit {ok.returncode}")
    return notes


def launcher_note(script: Path) -> str:
    """What the console script imports before policyval's own code runs: the launcher older
    pip releases write imports ``re`` (about half a bare interpreter's start), newer ones do not."""
    try:
        text = script.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"launcher {script}: unreadable"
    kind = "imports re (an older pip's launcher)" if "import re\n" in text else "imports only sys"
    return f"launcher {script.name}: {kind}; pip {metadata.version('pip')}"


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


def _verdict(value: float, limit: float | None) -> str:
    if limit is None:
        return ""
    return "yes" if value <= limit else "**no**"


@dataclass
class Table:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def timed(self, label: str, tool: Series, base: Series, limit: float | None) -> None:
        r = ratio(tool, base)
        target = f"≤ {limit}x" if limit is not None else ""
        times = (_fmt_time(tool.seconds), _fmt_time(base.seconds))
        self.rows.append((label, *times, f"{r:.2f}x", target, _verdict(r, limit)))

    def memory(self, label: str, tool: Series, base: Series | None, limit: float | None) -> None:
        other = f"{base.peak_mb:.0f} MB" if base is not None else ""
        rel = f"{tool.peak_mb / base.peak_mb:.2f}x" if base is not None else ""
        target = f"≤ {limit:.0f} MB" if limit is not None else ""
        self.rows.append((label, f"{tool.peak_mb:.0f} MB", other, rel, target, _verdict(tool.peak_mb, limit)))

    def codes(self, label: str, *series: Series) -> None:
        self.notes.append(f"{label}: exit codes " + ", ".join(f"{s.label} {sorted(s.codes)}" for s in series))


# Targets of issue 17: ratios to check-jsonschema's time, and peak memory at 10,000 files.
TARGETS = {"one": 0.4, "hook": 0.4, "1k": 0.2, "1k-j1": 0.3, "version": 1.2, "memory": 150.0}
FORMATS = ("text", "json", "sarif", "github", "junit")
RUNS = {
    "full": {"one": 9, "hook": 9, "1k": 3, "10k": 3, "memory": 1, "version": 21},
    "quick": {"one": 3, "hook": 3, "1k": 1, "10k": 1, "memory": 1, "version": 9},
}


def bench_set(name: str, out: Path, files: list[str], runs: dict[str, int], table: Table, big: bool) -> None:
    """Every measurement of one set of files: one file cold, pre-commit's call (5 files),
    1,000 files (text, -j1, JSON), and 10,000 files (time, and peak memory in each format)."""
    pv, cjs = [_tool("policyval"), "check"], [_tool("check-jsonschema"), "--schemafile", str(SCHEMA)]
    table.notes.extend(f"{name}: {note}" for note in sanity(pv, cjs, out, files[0]))
    warm(out, files)
    small = (("one", "1 file, cold process", files[:1]), ("hook", "pre-commit's call, 5 files", files[:5]))
    for key, label, chosen in small:
        print(f"bench: {name}, {label} x{runs[key]} ...", file=sys.stderr)
        base, tool = rounds([[*cjs, *chosen], [*pv, *chosen]], out, runs[key])
        table.timed(f"{name}: {label}", tool, base, TARGETS[key])
        table.codes(f"{name}: {label}", tool, base)
    thousand = files[:1000]
    print(f"bench: {name}, 1,000 files x{runs['1k']} ...", file=sys.stderr)
    base, text, serial, json_ = rounds(
        [[*cjs, *thousand], [*pv, *thousand], [*pv, "-j1", *thousand], [*pv, "--format", "json", *thousand]],
        out,
        runs["1k"],
    )
    table.timed(f"{name}: 1,000 files", text, base, TARGETS["1k"])
    table.timed(f"{name}: 1,000 files, `-j1`", serial, base, TARGETS["1k-j1"])
    table.timed(f"{name}: 1,000 files, `--format json`", json_, base, TARGETS["1k"])
    table.memory(f"{name}: peak memory, 1,000 files", text, base, None)
    table.codes(f"{name}: 1,000 files", text, serial, json_, base)
    if big:
        print(f"bench: {name}, {len(files):,} files x{runs['10k']} ...", file=sys.stderr)
        base, tool = rounds([[*cjs, *files], [*pv, *files]], out, runs["10k"])
        table.timed(f"{name}: {len(files):,} files", tool, base, None)
        table.memory(f"{name}: peak memory, {len(files):,} files", tool, base, TARGETS["memory"])
    for fmt in FORMATS if big else ():
        print(f"bench: {name}, {len(files):,} files, --format {fmt} ...", file=sys.stderr)
        (tool,) = rounds([[*pv, "--format", fmt, *files]], out, runs["memory"])
        table.memory(f"{name}: peak memory, {len(files):,} files, `--format {fmt}`", tool, None, TARGETS["memory"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for a smoke test")
    parser.add_argument("--files", type=int, default=10_000, help="size of the large sets (default 10000)")
    parser.add_argument("--seed", type=int, default=6, help="random seed of the generator")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the corpora are kept")
    parser.add_argument("--only", choices=("seeds", "synthetic", "version"), action="append", help="measure only these")
    args = parser.parse_args(argv)
    runs = RUNS["quick" if args.quick else "full"]
    only = set(args.only or ("seeds", "synthetic", "version"))
    root = args.out.resolve()
    compiled()
    table = Table()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    if "seeds" in only:
        out = root / f"seeds-{args.files}"
        bench_set("seed mix", out, seed_copies(out, args.files), runs, table, big=True)
    if "synthetic" in only:
        out = root / f"corpus-{args.files}-{args.seed}"
        bench_set("synthetic", out, synthetic(out, args.files, args.seed), runs, table, big=True)
    if "version" in only:
        print("bench: --version x{} ...".format(runs["version"]), file=sys.stderr)
        base, tool = rounds([[sys.executable, "-c", "pass"], [_tool("policyval"), "--version"]], ROOT, runs["version"])
        table.notes.append(launcher_note(Path(_tool("policyval"))))
        table.timed("`policyval --version` vs `python -c pass`", tool, base, TARGETS["version"])
    end_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("policyval", "check-jsonschema", "PyYAML"))
    print(
        f"{_cores()} cores ({_cpu()}), Python {platform.python_version()}, {versions}; "
        f"runs: {runs}; load average {load:.2f} at the start, {end_load:.2f} at the end; "
        "median wall time, ratio = median of per-round ratios.\n"
    )
    print("| measurement | policyval | check-jsonschema | ratio | target | met |")
    print("|---|--:|--:|--:|--:|:-:|")
    for row in table.rows:
        print("| " + " | ".join(row) + " |")
    print()
    for note in table.notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
