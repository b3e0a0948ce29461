"""Remove each rule of the cleaner and of the resolver in turn, and see which tests fail.

Every rule must be guarded by a test: with it removed, at least one test must fail. The
rules are those of the two rule tables, :data:`shabaka.clean.RULES` and
:data:`shabaka.resolve.RULES`; a rule is removed for a whole pytest run by this file
loaded as a pytest plugin (``-p mutate_rules``), which takes it out of the rules every
cleaner and resolver of the run applies.

Usage::

    python scripts/mutate_rules.py                 # every rule of both tables
    python scripts/mutate_rules.py --only clean    # or: resolve
    python scripts/mutate_rules.py --rule clean:teaser

Prints one line per rule: the number of failing tests and the first of them. Exit status
1 if some rule can be removed with every test still passing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The tests that guard each table's rules.
TESTS = {
    "clean": ["tests/test_clean.py", "tests/test_ingest.py", "tests/test_hostile.py"],
    "resolve": [
        "tests/test_resolve.py",
        "tests/test_samples_resolution.py",
        "tests/test_graph.py",
        "tests/test_properties.py",
    ],
}
#: Tests that compare with a fresh process (which runs without the plugin) would fail for
#: any change at all: left out.
DESELECT = ["tests/test_clean.py::test_same_page_in_a_fresh_process_gives_the_same_result"]
ENV = "SHABAKA_REMOVED_RULE"


def _remove_rule(spec: str) -> None:
    """Take the rule ``table:name`` out of every cleaner and resolver of this process."""
    table, _, name = spec.partition(":")
    if table == "clean":
        from shabaka.clean import rules

        if name not in rules.RULES:
            raise SystemExit(f"no cleaner rule {name!r}")
        active = rules.active

        def without(settings: rules.CleanSettings) -> frozenset[str]:
            return active(settings) - {name}

        rules.active = without  # type: ignore[assignment]  # the cleaner calls rules.active(...)
    elif table == "resolve":
        from shabaka.resolve import RULES, resolver

        if name not in RULES:
            raise SystemExit(f"no resolver rule {name!r}")
        init = resolver.Resolver.__init__

        def init_without(self: resolver.Resolver, *args: object, **kwargs: object) -> None:
            init(self, *args, **kwargs)  # type: ignore[arg-type]
            self._rules = self._rules - {name}

        resolver.Resolver.__init__ = init_without  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown rule table {table!r}: clean or resolve")


if os.environ.get(ENV) and __name__ != "__main__":  # loaded by pytest as a plugin
    _remove_rule(os.environ[ENV])


def run(spec: str) -> tuple[list[str], int, float]:
    """Run the guarding tests with rule ``spec`` removed: the failing tests, pytest's status, seconds."""
    table = spec.partition(":")[0]
    env = {
        **os.environ,
        ENV: spec,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "scripts")]),
    }
    cmd = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "-p", "mutate_rules", *TESTS[table]]
    cmd += [f"--deselect={test}" for test in DESELECT]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", out.stdout, flags=re.MULTILINE)
    return failed, out.returncode, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=sorted(TESTS), help="one table only")
    parser.add_argument("--rule", action="append", help="table:name (repeatable); default: every rule")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from shabaka import clean, resolve

    rules = args.rule or [
        f"{table}:{name}"
        for table, names in (("clean", clean.RULES), ("resolve", resolve.RULES))
        if args.only in (None, table)
        for name in names
    ]
    unguarded = []
    print(f"{'rule removed':34s} {'failing':>7s}  first failing tests")
    for spec in rules:
        failed, status, seconds = run(spec)
        if status not in (0, 1):
            print(f"{spec:34s} pytest exited with status {status}: run it by hand")
            unguarded.append(spec)
            continue
        if not failed:
            unguarded.append(spec)
        shown = ", ".join(f.split("/")[-1] for f in failed[:2]) + (" ..." if len(failed) > 2 else "")
        shown = shown or "NONE: no test guards this rule"
        print(f"{spec:34s} {len(failed):7d}  {shown}  ({seconds:.0f} s)", flush=True)
    print(f"{len(rules) - len(unguarded)} of {len(rules)} rules guarded by at least one test")
    return 1 if unguarded else 0


if __name__ == "__main__":
    sys.exit(main())
