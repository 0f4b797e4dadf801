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
# # 2. Learn weights from outcomes, and check them honestly
#
# `WeightLearner` fits one non-negative weight per engine feature so that, within each past
# requirement, suppliers who went further score higher (pairwise logistic regression on
# feature differences). Cross-validation keeps each requirement wholly in training or in
# test, so the reported gain is what a *new* requirement can expect.
#
# Same as `mitra weights learn` (and `--save NAME` to keep the result).

# %%
from importlib import resources
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from matcher.evaluate import compare, mean_contributions, ndcg_curve
from matcher.learn import WeightLearner, cross_validate, training_set
from matcher.profile import FEATURE_NAMES, WeightsProfile
from service.evaluation import cases_from_files

DATA = Path(str(resources.files("mitra") / "data"))
cases, _ = cases_from_files(
    DATA / "demo_suppliers.csv", DATA / "demo_requirements.json", DATA / "demo_outcomes.csv"
)
current = WeightsProfile.load_default()

# %% [markdown]
# ## Held-out gain over the current profile

# %%
validation = cross_validate(WeightLearner(), cases, current, n_splits=5, k=10)
mean, low, high = validation.gain
print(f"held-out NDCG@10: learned {validation.learned.mean():.3f}, current {validation.baseline.mean():.3f}")
print(f"gain {mean:+.3f}, 95% interval {low:+.3f} to {high:+.3f} over {len(validation.learned)} requirements")
print("weights per fold (stable weights are a good sign):")
for weights in validation.fold_weights:
    print("  " + "  ".join(f"{name[:5]} {weights[name]:.2f}" for name in FEATURE_NAMES))

# %% [markdown]
# ## Fit on every outcome and compare side by side
# (On the same outcomes it was fitted to, the learned profile always looks better: the
# held-out gain above is the number to trust.)

# %%
X, y, groups = training_set(cases)
learned = WeightLearner().fit(X, y, groups).to_profile("learned", 1)
comparison = compare(cases, learned, current, k=10)
for row in comparison.metrics:
    interval = "" if np.isnan(row.low) else f"  [{row.low:+.3f}, {row.high:+.3f}]"
    print(f"{row.metric:26s} learned {row.a:.3f}   current {row.b:.3f}   {row.difference:+.3f}{interval}")

# %%
ks = [1, 2, 3, 5, 7, 10, 15, 20]
figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
for profile, marker in ((learned, "o"), (current, "s")):
    left.plot(ks, ndcg_curve(cases, profile, ks), marker=marker, label=profile.name)
left.set_xlabel("k")
left.set_ylabel("mean NDCG@k")
left.set_ylim(0, 1.02)
left.legend()
positions = np.arange(len(FEATURE_NAMES))
for offset, profile in ((-0.2, learned), (0.2, current)):
    shares = mean_contributions(cases, profile, k=10)
    right.barh(positions + offset, [shares[f] for f in FEATURE_NAMES], 0.4, label=profile.name)
right.set_yticks(positions, FEATURE_NAMES)
right.invert_yaxis()
right.set_title("mean contribution to top-10 scores")
right.legend()
plt.show()

# %% [markdown]
# ## Does the learner find a known truth?
# Synthetic outcomes from hidden true weights plus noise (`scripts/make_synthetic_outcomes.py`
# makes the same kind of data with the real engine). The learned order should match the true
# order, and the learned weights should beat a deliberately wrong profile on held-out
# requirements.

# %%
import importlib.util
import sys

import matcher

# scripts/ sits beside the matcher package in the source tree.
script = Path(matcher.__file__).resolve().parents[1] / "scripts" / "make_synthetic_outcomes.py"
spec = importlib.util.spec_from_file_location("make_synthetic_outcomes", script)
synthetic = importlib.util.module_from_spec(spec)
sys.modules["make_synthetic_outcomes"] = synthetic
spec.loader.exec_module(synthetic)

history = synthetic.synthetic_cases(n_requirements=80, seed=0)
X, y, groups = training_set(history)
recovered = WeightLearner().fit(X, y, groups).weights_
for name in sorted(synthetic.TRUE_WEIGHTS, key=lambda n: -synthetic.TRUE_WEIGHTS[n]):
    print(f"{name:14s} true {synthetic.TRUE_WEIGHTS[name]:.3f}   learned {recovered[name]:.3f}")
check = cross_validate(WeightLearner(), history, synthetic.wrong_profile(), n_splits=5)
print(f"held-out gain over the wrong profile: {check.gain[0]:+.3f} "
      f"(95% interval {check.gain[1]:+.3f} to {check.gain[2]:+.3f})")
assert sorted(recovered, key=lambda n: -recovered[n]) == sorted(
    synthetic.TRUE_WEIGHTS, key=lambda n: -synthetic.TRUE_WEIGHTS[n]
)

# %% [markdown]
# ## Keeping the result
# On a database: `mitra weights learn --save learned`, then
# `mitra evaluate --profile learned --against default --report laporan/` and, when convinced,
# `mitra weights activate learned`.

# %%
print(learned.to_json())
