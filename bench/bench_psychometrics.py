"""Psychometrics benchmarks: (a) CAT step vs catsim, (b) 16-competence profile vs separate
tests, (c) gating, (d) calibration vs girth and mirt. Each part writes its own section of
docs/benchmarks.md and can run alone: `python -m bench.psy_cat` (psy_profile, psy_gate,
psy_calibration)."""

from bench import psy_calibration, psy_cat, psy_gate, psy_profile


def main() -> None:
    for part in (psy_cat, psy_profile, psy_gate, psy_calibration):
        print(f"-- {part.__name__}", flush=True)
        part.main()
