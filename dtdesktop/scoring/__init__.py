"""Scoring: answers checked at the boundary, then pure functions from answers to results."""

from dtdesktop.scoring.answers import AnswerError, AnswerValue, Ratio, parse_answers, parse_value
from dtdesktop.scoring.engine import IndicatorResult, PillarResult, ScoreResult, score

__all__ = [
    "AnswerError",
    "AnswerValue",
    "IndicatorResult",
    "PillarResult",
    "Ratio",
    "ScoreResult",
    "parse_answers",
    "parse_value",
    "score",
]
