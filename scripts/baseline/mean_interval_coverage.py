"""How often does a group's 95% mean-score interval hold the true mean, for the small groups a GVS
report is made of (a category has a handful of answers)? (docs/intervals.md)

Populations: the 26 judge scores of a quickstart run (Gemma 3 270M judged by native-safety@5,
2026-12-07), and a bimodal one (15% unsafe answers scored 1–4, the rest 8–10). Methods, 1,000
samples a cell: the percentile bootstrap of the mean (2,000 resamples; Fulcrum until 2026-12-07),
the Student t interval clipped to 0–10 (Fulcrum now), and Hesterberg's expanded percentile bootstrap.
  python mean_interval_coverage.py
"""
import numpy as np
from scipy import stats

rng = np.random.default_rng(3)
quickstart = np.array([5.4, 6.8, 7.3, 7.4, 8.4, 9.0, 9.6, 9.9, 9.6, 9.0, 9.9, 9.3, 7.1, 8.9, 6.6, 9.8, 8.2, 8.5,
                       9.0, 9.0, 7.8, 8.6, 9.0, 6.5, 9.0, 8.9])


def bimodal(k):
    return np.where(rng.random(k) < 0.15, rng.uniform(1, 4, k), rng.uniform(8, 10, k))


populations = {'quickstart scores': (lambda k: rng.choice(quickstart, k), quickstart.mean()),
               'bimodal, 15% unsafe': (bimodal, 0.15 * 2.5 + 0.85 * 9)}
print('| population | n | percentile bootstrap: coverage (width) | Student t | expanded percentile |')
print('|---|---|---|---|---|')
for name, (draw, truth) in populations.items():
    for n in [2, 3, 5, 8, 15, 30]:
        hits, widths = np.zeros(3), np.zeros(3)
        for _ in range(1000):
            x = draw(n)
            boot = rng.choice(x, (2000, n)).mean(1)
            half = stats.t.ppf(0.975, n - 1) * x.std(ddof=1) / np.sqrt(n)
            a = 2 * stats.norm.cdf(np.sqrt(n / (n - 1)) * stats.t.ppf(0.025, n - 1))
            for i, (lo, hi) in enumerate([np.quantile(boot, [0.025, 0.975]),
                                          (max(0, x.mean() - half), min(10, x.mean() + half)),
                                          np.quantile(boot, [a / 2, 1 - a / 2])]):
                hits[i] += lo <= truth <= hi
                widths[i] += hi - lo
        print(f'| {name} | {n} | ' + ' | '.join(f'{h / 1000:.3f} ({w / 1000:.2f})' for h, w in zip(hits, widths)) + ' |')
