"""The Digital Economy Maturity Index engine: a composite-indicator library (OECD/JRC method, COINr-verified).

Pure Python over numpy/scipy, no Django. The usual path::

    from marsad import maturity as mi

    framework = mi.load_framework("framework.yaml")
    dataset = mi.load_data("data.csv", framework)
    result = mi.build(framework, dataset)            # scores, ranks, flags at every level
    mi.whatif(result, "SAU", {"IT.NET.BBND.P2": 40})  # milliseconds
    mi.gap_to_target(result, "SAU", "ARE")
    mi.strengths_weaknesses(result, "SAU", peers="region")
    mi.audit(result); mi.uncertainty(framework, dataset, [...], runs=1000)

See docs/maturity.md.
"""

from marsad.maturity.analysis import compare_editions, peer_units, profile, stage, strengths_weaknesses
from marsad.maturity.audit import audit
from marsad.maturity.data import Dataset, load_data, validate_data
from marsad.maturity.errors import DataError, FrameworkError, MaturityError, MethodError
from marsad.maturity.export import export, tidy
from marsad.maturity.framework import Framework
from marsad.maturity.framework_file import load_framework, parse_framework
from marsad.maturity.options import Method
from marsad.maturity.pipeline import Result, build
from marsad.maturity.sensitivity import exclude_indicators, perturb_weights, sensitivity, uncertainty, vary
from marsad.maturity.whatif import WhatIfModel, gap_to_target, whatif

__all__ = [
    "DataError",
    "Dataset",
    "Framework",
    "FrameworkError",
    "MaturityError",
    "Method",
    "MethodError",
    "Result",
    "WhatIfModel",
    "audit",
    "build",
    "compare_editions",
    "exclude_indicators",
    "export",
    "gap_to_target",
    "load_data",
    "load_framework",
    "parse_framework",
    "peer_units",
    "perturb_weights",
    "profile",
    "sensitivity",
    "stage",
    "strengths_weaknesses",
    "tidy",
    "uncertainty",
    "validate_data",
    "vary",
    "whatif",
]
