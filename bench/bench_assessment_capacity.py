"""How many answers a second a campaign's test sustains with a round-trip p95 ≤ 100 ms.

`python -m bench assessment_capacity` (about 15 minutes). `assessment_load` stops at 500
candidates, who offer at most ≈ 143 answers/s (one answer every 2–5 s each): its highest
sustained rate is what the candidates offered, not what the server can take. This one
runs the same server, campaign flow and measurements (bench/bench_assessment_load.py) with
more candidates, CAPACITY_STEPS (BENCH_CAPACITY_STEPS, default 250, 500, 625, 750, 875), on
each database, and reports the highest rate whose window kept the p95 under 100 ms. The
first step is a warm-up: 500 candidates logging in from none (argon2, 5 a second) and
starting their tests together leave a backlog that spills into the window. The load
client shares the 2 cores, so every figure is a floor.
"""

import os

from bench import bench_assessment_load as load
from bench._report import write_section

CAPACITY_STEPS = tuple(
    int(n) for n in os.environ.get("BENCH_CAPACITY_STEPS", "250,500,625,750,875").split(",")
)


def main() -> None:
    parts, summaries = load.measure_databases(CAPACITY_STEPS, (load.CAMPAIGN_FLOW,), target_500=False)
    lines = [
        f"- {label}: **{summary['campaign']['sustained']:.1f} answers/s** with the round-trip p95 "
        f"≤ 100 ms ({summary['campaign']['sustained'] / summary['ceiling']:.0%} of the bare view's "
        f"{summary['ceiling']:.0f} requests/s)"
        + (
            ", at the last step: the limit is higher, add steps to find it."
            if summary["campaign"]["last_step_met"]
            else "."
        )
        for label, summary in summaries.items()
        if summary["ceiling"]
    ]
    text = (
        "## Capacity of a campaign's test (gunicorn + locust)\n\n"
        "`python -m bench assessment_capacity` (about 15 minutes). The campaign flow of "
        "*Candidates under load* (same server, "
        f"{load.WORKERS} workers × {load.THREADS} threads, same measurements), stepped through "
        f"{', '.join(map(str, CAPACITY_STEPS))} candidates, past the 500 of that benchmark, "
        "whose candidates offer at most ≈ 143 answers/s. Each step is measured over its own "
        f"{load.STEP_SECONDS} s window after its candidates have logged in ({load.SPAWN_RATE} a "
        "second) and settled.\n\n"
        + "\n\n".join(parts)
        + "\n\n### Highest sustained rate\n\n"
        + "\n".join(lines)
    )
    print(text)
    write_section("assessment_capacity", text)
