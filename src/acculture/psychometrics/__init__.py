"""Psychometrics for Acculture: 2PL item banks, correlated-ability posteriors, adaptive item
selection, stopping rules, levels, calibration and simulation. Pure numpy/scipy, no Django.

The Django apps need only the names re-exported here; see docs/psychometrics.md.
"""

from acculture.psychometrics.calibration import (
    calibrate_2pl,
    calibrate_bank,
    calibrate_pretest,
    drift_check,
    latent_correlation,
)
from acculture.psychometrics.levels import LevelScale, authored_difficulty, band
from acculture.psychometrics.model import ItemBank, random_bank
from acculture.psychometrics.posterior import Prior
from acculture.psychometrics.selection import SelectionRules
from acculture.psychometrics.session import Design, Session
from acculture.psychometrics.stopping import GateRule, StopDecision

__all__ = [
    "Design",
    "GateRule",
    "ItemBank",
    "LevelScale",
    "Prior",
    "SelectionRules",
    "Session",
    "StopDecision",
    "authored_difficulty",
    "band",
    "calibrate_2pl",
    "calibrate_bank",
    "calibrate_pretest",
    "drift_check",
    "latent_correlation",
    "random_bank",
]
