"""(b) Full 16-competence profile: correlated prior (ours) against 16 separate 1-D tests.

Same bank (960 items, a ~ U(0.8, 2.0), b ~ N(0, 1.2)), same people (ρ = 0.6), same seed.
"16 separate tests" is the same engine with an independent prior (ρ = 0): each competence
is then measured only by its own answers. Sweeping the SD target gives length against mean
RMSE for both; the ratio is read at equal RMSE by interpolation.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from acculture.psychometrics.model import random_bank
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.selection import SelectionRules
from acculture.psychometrics.session import Design
from acculture.psychometrics.simulation import draw_people, report, run, sympson_hetter_rates
from bench._psy_common import SEED, interpolate_length
from bench._report import table, write_section

K = 16
RHO = 0.6
PEOPLE = 1000
SWEEP_PEOPLE = 400
TARGETS = [0.6, 0.55, 0.5, 0.45, 0.4, 0.35]


def main() -> None:
    bank = random_bank(np.random.default_rng(SEED), items=960, competences=K)
    prior = Prior.equicorrelated(K, RHO)
    flat = Prior.equicorrelated(K, 0.0)
    theta = draw_people(np.random.default_rng(SEED + 1), prior, PEOPLE)

    headline = Design(kind="profile", target_sd=0.5, max_items=60)
    main_rep = report(run(bank, prior, headline, theta, np.random.default_rng(SEED)), headline)
    print("headline", {k: v for k, v in main_rep.items() if k != "rmse_by_competence"}, flush=True)

    sweep_rows = []
    curves: dict[str, tuple[list[float], list[float]]] = {"ours": ([], []), "separate": ([], [])}
    for target in TARGETS:
        design = Design(kind="profile", target_sd=target, max_items=400)
        for name, p in (("ours", prior), ("separate", flat)):
            rep = report(run(bank, p, design, theta[:SWEEP_PEOPLE], np.random.default_rng(SEED)), design)
            curves[name][0].append(rep["rmse_mean"])
            curves[name][1].append(rep["items_mean"])
            sweep_rows.append([name, target, rep["items_mean"], rep["rmse_mean"], rep["sd_mean"]])
            print(name, target, rep["items_mean"], rep["rmse_mean"], flush=True)
    ratio_rows = []
    for rmse in (0.55, 0.5, 0.45, 0.4):
        ours_len = interpolate_length(*curves["ours"], rmse)
        sep_len = interpolate_length(*curves["separate"], rmse)
        ratio_rows.append([rmse, ours_len, sep_len, sep_len / ours_len])

    # Step time on a 1,000-item, 16-competence bank.
    bank1000 = random_bank(np.random.default_rng(SEED + 3), items=1000, competences=K)
    step_rep = report(run(bank1000, prior, headline, theta[:500], np.random.default_rng(SEED)), headline)

    # Exposure control at the same SD target: Sympson–Hetter at 0.25, rates computed at
    # 0.85 × 0.25 because the check run uses fresh people.
    rng = np.random.default_rng(SEED + 2)
    sh_bank = sympson_hetter_rates(bank, prior, headline, r_max=0.2125, people=400, iterations=10, rng=rng)
    sh = replace(headline, selection=replace(SelectionRules(), sympson_hetter=True))
    sh_rep = report(run(sh_bank, prior, sh, theta, np.random.default_rng(SEED)), sh)
    print("sh", sh_rep["items_mean"], sh_rep["max_exposure"], flush=True)

    md = (
        "## Psychometrics (b): 16-competence profile vs 16 separate tests\n\n"
        f"960 items, a ~ U(0.8, 2.0), b ~ N(0, 1.2); people ρ = {RHO}. Headline: SD target 0.5, "
        f"cap 60, {PEOPLE} people: mean length {main_rep['items_mean']:.1f} "
        f"(p95 {main_rep['items_p95']:.0f}), mean per-competence RMSE {main_rep['rmse_mean']:.3f}, "
        f"bias {main_rep['bias_mean']:+.3f}, max exposure {main_rep['max_exposure']:.2f}, "
        f"step median {main_rep['step_us_median']:.0f} µs.\n\n"
        f"Sweep of the SD target (cap 400, {SWEEP_PEOPLE} people):\n\n"
        + table(["prior", "SD target", "mean length", "mean RMSE", "mean SD"], sweep_rows)
        + "\n\nItems needed for the same mean RMSE (interpolated):\n\n"
        + table(
            ["mean RMSE", "ours (ρ = 0.6 prior)", "16 separate tests", "separate / ours"],
            ratio_rows,
        )
        + f"\n\nStep time, 16 competences × 1,000 items (500 people): median "
        f"{step_rep['step_us_median']:.0f} µs, p95 {step_rep['step_us_p95']:.0f} µs.\n\n"
        "Exposure control, same SD target and cap:\n\n"
        + table(
            ["selection", "mean length", "mean RMSE", "max exposure", "step µs"],
            [
                [
                    "D-optimal (no control)",
                    main_rep["items_mean"],
                    main_rep["rmse_mean"],
                    main_rep["max_exposure"],
                    main_rep["step_us_median"],
                ],
                [
                    "Sympson–Hetter 0.25",
                    sh_rep["items_mean"],
                    sh_rep["rmse_mean"],
                    sh_rep["max_exposure"],
                    sh_rep["step_us_median"],
                ],
            ],
        )
        + "\n\nLength ratio controlled / uncontrolled: "
        + f"{sh_rep['items_mean'] / main_rep['items_mean']:.3f}."
    )
    write_section("psychometrics-profile", md)


if __name__ == "__main__":
    main()
