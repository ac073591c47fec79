"""Which harm threshold, if the criterion also counts data sets the judge never saw? (issue 13,
seventh round). Reads the native judge's out-of-fold probabilities (within data sets and with each
whole data set held out) and, optionally, the plain word model's on the same folds:

  scripts/baseline/values_cv_release.sh safety-oof /tmp/oof.jsonl ../shared/data/safety
  python safety_ensemble.py /tmp/oof.jsonl --cache /tmp/plain.npz      # the plain model's, once
  python safety_operating_point.py /tmp/oof.jsonl [/tmp/plain.npz]

First table: per raw threshold, F1 of "harmful" per data set within data sets and whole set out, and
the mean of all eight. Second: (1 − w)·native + w·plain in log-odds, the threshold chosen for the
mean of all eight (on all out-of-fold predictions, so optimistic alike for every row)."""
import json, sys
import numpy as np
from sklearn.metrics import f1_score

rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
y = np.array([int(r['harmful']) for r in rows])
sources = sorted({r['source'] for r in rows})
member = {s: np.array([r['source'] == s for r in rows]) for s in sources}
native, native_ds = np.array([r['oof'] for r in rows]), np.array([r['dataSetOof'] for r in rows])


def f1s(score, t):
    return [f1_score(y[m], score[m] >= t) for m in member.values()]


def line(label, within, whole):
    return (f'| {label} | ' + ' / '.join(f'{x:.3f}' for x in within) + f' | {np.mean(within):.3f} | '
            + ' / '.join(f'{x:.3f}' for x in whole) + f' | {np.mean(whole):.3f} | {(np.mean(within) + np.mean(whole)) / 2:.3f} |')


print('| raw threshold | within: ' + ' / '.join(sources) + ' | mean | whole set out | mean | all eight |')
print('|---|---|---|---|---|---|')
for t in [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55]:
    print(line(f'{t:.2f}', f1s(native, t), f1s(native_ds, t)))

if len(sys.argv) > 2:
    c = np.load(sys.argv[2])
    logit = lambda p: np.log(np.clip(p, 1e-6, 1 - 1e-6) / (1 - np.clip(p, 1e-6, 1 - 1e-6)))
    print('\n| w (plain model weight), log-odds threshold | within | mean | whole set out | mean | all eight |')
    print('|---|---|---|---|---|---|')
    for w in [0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0]:
        z, zd = (1 - w) * logit(native) + w * logit(c['within']), (1 - w) * logit(native_ds) + w * logit(c['dataset'])
        t = max(np.linspace(-5, 3, 161), key=lambda t: np.mean(f1s(z, t)) + np.mean(f1s(zd, t)))
        print(line(f'{w:.1f}, {t:+.2f}', f1s(z, t), f1s(zd, t)))
