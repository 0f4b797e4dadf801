# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. How good is the current weights profile?
#
# After a temu bisnis the office knows which meetings led to interest, an MoU or a purchase
# order. This notebook replays the past requirements with the profile shortlists use today and
# asks: did it rank the suppliers who went furthest near the top?
#
# Grades: purchase order 3, MoU 2, interest or sample request 1, only met / no-show 0.
# The same numbers come from `mitra evaluate --profile default` on a database.

# %%
from importlib import resources
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from matcher.evaluate import evaluate, mean_contributions, ndcg_curve
from matcher.profile import FEATURE_NAMES, WeightsProfile
from service.evaluation import cases_from_files

DATA = Path(str(resources.files("mitra") / "data"))
cases, requirements = cases_from_files(
    DATA / "demo_suppliers.csv", DATA / "demo_requirements.json", DATA / "demo_outcomes.csv"
)
current = WeightsProfile.load_default()
print(f"{len(cases)} past requirements with outcomes; profile {current.name} v{current.version}")

# %% [markdown]
# ## The outcomes behind the grades

# %%
for case in cases:
    judged = np.flatnonzero(case.judged)
    counts = np.bincount(case.grades[judged].astype(int), minlength=4)
    print(
        f"{case.requirement_id}: {judged.size} suppliers met · "
        f"PO {counts[3]}, MoU {counts[2]}, interest {counts[1]}"
    )

# %% [markdown]
# ## Replay with the current profile

# %%
result = evaluate(cases, current, k=10, hit_k=5)
print(f"NDCG@10      {result.ndcg:.3f}")
print(f"hit rate@5   {result.hit_rate:.0%}  (an MoU or PO supplier in the first five)")
print(f"MRR          {result.mrr:.3f}")
print(f"coverage     {result.coverage:.0%} of eligible suppliers reach some top-10")
print(f"exposure     {result.exposure:.0%} of top-10 slots go to suppliers not shortlisted before")
for row in result.per_requirement:
    print(f"  {row.requirement_id}  NDCG@10 {row.ndcg:.3f}  top 3: {', '.join(row.shortlist[:3])}")

# %% [markdown]
# ## NDCG at every cut-off
# A curve that climbs late means the winners were found, but not first.

# %%
ks = [1, 2, 3, 5, 7, 10, 15, 20]
figure, axes = plt.subplots(figsize=(7, 3.5))
axes.plot(ks, ndcg_curve(cases, current, ks), marker="o", label=f"{current.name} v{current.version}")
axes.set_xlabel("k")
axes.set_ylabel("mean NDCG@k")
axes.set_ylim(0, 1.02)
axes.grid(alpha=0.3)
axes.legend()
plt.show()

# %% [markdown]
# ## Which features decide the top 10?
# The weight is what the analyst sets; the contribution is weight × feature value, averaged
# over every top-10 slot. A large weight with a small contribution means few suppliers score
# well on that feature.

# %%
contributions = mean_contributions(cases, current, k=10)
total = sum(current.weights.values())
figure, axes = plt.subplots(figsize=(7, 3.5))
positions = np.arange(len(FEATURE_NAMES))
axes.barh(positions - 0.2, [current.weight(f) / total for f in FEATURE_NAMES], 0.4, label="weight")
axes.barh(positions + 0.2, [contributions[f] for f in FEATURE_NAMES], 0.4, label="contribution")
axes.set_yticks(positions, FEATURE_NAMES)
axes.invert_yaxis()
axes.legend()
plt.show()
