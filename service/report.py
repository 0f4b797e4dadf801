"""The evaluation report: one self-contained HTML page with plots (PNG inlined) and tables.

`write_report(DIR, cases, profile, other)` writes DIR/index.html; it opens from a USB stick
or an e-mail attachment with no server and no internet.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; never a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from jinja2 import Environment, FileSystemLoader, select_autoescape  # noqa: E402

from matcher.evaluate import Comparison, Pool, ReplayCase, compare, mean_contributions  # noqa: E402
from matcher.profile import FEATURE_NAMES, WeightsProfile  # noqa: E402

CURVE_KS = (1, 2, 3, 5, 7, 10, 15, 20)
COLOURS = ("#1f6f8b", "#e07a1f")  # profile A, profile B: tell apart in greyscale print too


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _label(profile: WeightsProfile) -> str:
    return f"{profile.name} v{profile.version}"


def curve_plot(cases: Sequence[ReplayCase], profiles: Sequence[WeightsProfile], pool: Pool) -> str:
    from matcher.evaluate import ndcg_curve

    figure, axes = plt.subplots(figsize=(9.6, 3.4))
    for profile, colour, marker in zip(profiles, COLOURS, "os", strict=False):
        values = ndcg_curve(cases, profile, CURVE_KS, pool=pool)
        axes.plot(CURVE_KS, values, marker=marker, color=colour, label=_label(profile))
    axes.set_xticks(CURVE_KS)
    axes.set_xlabel("k (suppliers looked at)")
    axes.set_ylabel("mean NDCG@k")
    axes.set_ylim(0, 1.02)
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right")
    axes.set_title("How early the suppliers who won contracts appear")
    return _png(figure)


def feature_plot(cases: Sequence[ReplayCase], profiles: Sequence[WeightsProfile], k: int) -> str:
    """Weights (left) and what each feature adds to top-k scores (right)."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(9.6, 3.6), sharey=True)
    positions = np.arange(len(FEATURE_NAMES))
    height = 0.8 / len(profiles)
    for i, (profile, colour) in enumerate(zip(profiles, COLOURS, strict=False)):
        total = sum(profile.weights.values()) or 1.0
        shares = [profile.weight(f) / total for f in FEATURE_NAMES]
        contributions = mean_contributions(cases, profile, k=k)
        offset = positions + (i - (len(profiles) - 1) / 2) * height
        left.barh(offset, shares, height=height, color=colour, label=_label(profile))
        right.barh(offset, [contributions[f] for f in FEATURE_NAMES], height=height, color=colour)
    left.set_yticks(positions, FEATURE_NAMES)
    left.invert_yaxis()
    left.set_title("Weight (share of the total)")
    right.set_title(f"Mean contribution to top-{k} scores")
    left.legend(loc="lower right", fontsize=8)
    for axes in (left, right):
        axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def per_requirement_plot(comparison: Comparison, with_other: bool) -> str:
    a = {r.requirement_id: r.ndcg for r in comparison.a.per_requirement}
    b = {r.requirement_id: r.ndcg for r in comparison.b.per_requirement}
    ids = sorted(a)
    figure, axes = plt.subplots(figsize=(9.6, 3.2))
    x = np.arange(len(ids))
    width = 0.4 if with_other else 0.7
    axes.bar(x - (width / 2 if with_other else 0), [a[i] for i in ids], width, color=COLOURS[0],
             label=_label(comparison.a.profile))  # fmt: skip
    if with_other:
        axes.bar(x + width / 2, [b[i] for i in ids], width, color=COLOURS[1],
                 label=_label(comparison.b.profile))  # fmt: skip
        axes.legend(fontsize=8)
    axes.set_xticks(x, ids, rotation=45, ha="right", fontsize=8)
    axes.set_ylim(0, 1.05)
    axes.set_ylabel(f"NDCG@{comparison.a.k}")
    axes.set_title("Requirement by requirement")
    axes.grid(axis="y", alpha=0.3)
    return _png(figure)


def _fmt(value: float, percent: bool = False) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:.0%}" if percent else f"{value:.3f}"


def _metric_rows(comparison: Comparison) -> list[dict[str, Any]]:
    rows = []
    for m in comparison.metrics:
        percent = m.metric.startswith(("hit", "catalogue", "exposure"))
        interval = "" if math.isnan(m.low) else f"{m.low:+.3f} to {m.high:+.3f}"
        verdict = ""
        if m.clear:
            verdict = "better" if m.difference > 0 else "worse"
        rows.append(
            {
                "metric": m.metric,
                "a": _fmt(m.a, percent),
                "b": _fmt(m.b, percent),
                "difference": f"{m.difference:+.3f}",
                "interval": interval,
                "verdict": verdict,
            }
        )
    return rows


def write_report(
    directory: Path,
    cases: Sequence[ReplayCase],
    profile: WeightsProfile,
    other: WeightsProfile | None = None,
    *,
    k: int = 10,
    hit_k: int = 5,
    pool: Pool = "judged",
) -> Path:
    """Write DIR/index.html comparing `profile` with `other` (or describing `profile` alone)."""
    profiles = [profile] if other is None else [profile, other]
    comparison = compare(cases, profile, other or profile, k=k, hit_k=hit_k, pool=pool)
    b_scores = {r.requirement_id: r for r in comparison.b.per_requirement}
    requirements = [
        {
            "id": r.requirement_id,
            "a": f"{r.ndcg:.3f}",
            "b": f"{b_scores[r.requirement_id].ndcg:.3f}",
            "top": ", ".join(r.shortlist[:5]),
        }
        for r in sorted(comparison.a.per_requirement, key=lambda r: r.requirement_id)
    ]
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=select_autoescape(["html"]),
    )
    html = environment.get_template("report_template.html").render(
        a=_label(profile),
        b=_label(other) if other else None,
        profiles=[{"label": _label(p), "description": p.description} for p in profiles],
        weights=[
            {"feature": f, "values": [f"{p.weight(f):.3f}" for p in profiles]}
            for f in FEATURE_NAMES
        ],
        sums=[f"{sum(p.weights.values()):.3f}" for p in profiles],
        metrics=_metric_rows(comparison),
        requirements=requirements,
        skipped=comparison.a.skipped,
        k=k,
        hit_k=hit_k,
        pool=pool,
        n_cases=len(cases),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        curve=curve_plot(cases, profiles, pool),
        features=feature_plot(cases, profiles, k),
        per_requirement=per_requirement_plot(comparison, other is not None),
    )
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "index.html"
    target.write_text(html, encoding="utf-8")
    return target
