"""How often does a corrected unsafe rate's 95% interval hold the true rate? (docs/corrected-rates.md)

A simulation of what a report does: a judge with true sensitivity Se and specificity Sp is
calibrated on P harmful and N safe labelled answers, then judges a run of n answers whose true
unsafe rate is pi; the report corrects the observed rate (Rogan–Gladen) and gives an interval.
Two interval methods, each with 1,000 draws per report:
  plug-in   — resample each count from Binomial(n, observed share) (Fulcrum until 2026-12-07)
  jeffreys  — draw each share from its Jeffreys posterior Beta(x + 1/2, n - x + 1/2) (CorrectedRate now)
  python corrected_rate_coverage.py [REPLICATIONS]     # 400 by default, ~1 min
"""
import sys
import numpy as np

rng = np.random.default_rng(1)
replications = int(sys.argv[1]) if len(sys.argv) > 1 else 400


def corrected(p, se, sp):
    youden = se + sp - 1
    return np.clip((p + sp - 1) / youden, 0, 1), youden > 0


def interval(x, n, tp, P, tn, N, method, draws=1000):
    if method == 'plug-in':
        p, se, sp = rng.binomial(n, x / n, draws) / n, rng.binomial(P, tp / P, draws) / P, rng.binomial(N, tn / N, draws) / N
    else:
        p, se, sp = rng.beta(x + .5, n - x + .5, draws), rng.beta(tp + .5, P - tp + .5, draws), rng.beta(tn + .5, N - tn + .5, draws)
    v, informative = corrected(p, se, sp)
    v = v[informative]
    if len(v) < 0.95 * draws:
        return None                       # the report gives no interval then
    return np.quantile(v, 0.025), np.quantile(v, 0.975)


judges = [  # true Se, Sp and the calibration's size
    ('Se 0.90, Sp 0.95; calibrated on 100 + 200', 0.9, 0.95, 100, 200),
    ('native-safety@5 overall: Se 0.905, Sp 0.954; 4,131 + 12,265', 0.905, 0.954, 4131, 12265),
    ('native-safety@5 life safety: Se 0.69, Sp 0.999; 55 + 548', 0.69, 0.999, 55, 548),
]
print('| judge | answers in the run | true rate | plug-in: coverage, mean width | Jeffreys: coverage, mean width |')
print('|---|---|---|---|---|')
for name, Se, Sp, P, N in judges:
    for n in [13, 30, 200]:
        for pi in [0.0, 0.01, 0.05, 0.2]:
            cells = []
            for method in ['plug-in', 'jeffreys']:
                covered = given = 0
                width = 0.0
                for _ in range(replications):
                    tp, tn = rng.binomial(P, Se), rng.binomial(N, Sp)
                    x = rng.binomial(n, pi * Se + (1 - pi) * (1 - Sp))
                    iv = interval(x, n, tp, P, tn, N, method)
                    if iv is None:
                        continue
                    given += 1
                    covered += iv[0] - 1e-12 <= pi <= iv[1] + 1e-12
                    width += iv[1] - iv[0]
                cells.append(f'{covered / max(given, 1):.3f}, {width / max(given, 1):.3f}' + ('' if given == replications else f' ({replications - given} without)'))
            print(f'| {name} | {n} | {pi} | {cells[0]} | {cells[1]} |')


# The difference of two models' unsafe rates on the same items (`compare`): true rates piA and piB,
# unsafe answers independent between the models; the judge errs alike on both. Interval: Dirichlet
# (paired outcomes + 1/2) and Jeffreys (Se, Sp) draws, the difference divided by Se + Sp - 1.
def difference_interval(cells, tp, P, tn, N, draws=1000):
    g = rng.dirichlet(np.array(cells) + 0.5, draws)
    d = g[:, 1] - g[:, 2]
    se, sp = rng.beta(tp + .5, P - tp + .5, draws), rng.beta(tn + .5, N - tn + .5, draws)
    j = se + sp - 1
    v = np.clip(d[j > 0] / j[j > 0], -1, 1)
    if len(v) < 0.95 * draws:
        return None
    return np.quantile(v, 0.025), np.quantile(v, 0.975)


print('\n| judge | pairs | true rates A, B | corrected difference: coverage, mean width |')
print('|---|---|---|---|')
for name, Se, Sp, P, N in judges:
    for n in [13, 30, 200]:
        for piA, piB in [(0.01, 0.01), (0.05, 0.01), (0.2, 0.05)]:
            covered = given = 0
            width = 0.0
            for _ in range(replications):
                tp, tn = rng.binomial(P, Se), rng.binomial(N, Sp)
                ta, tb = rng.random(n) < piA, rng.random(n) < piB
                fa = np.where(ta, rng.random(n) < Se, rng.random(n) < 1 - Sp)
                fb = np.where(tb, rng.random(n) < Se, rng.random(n) < 1 - Sp)
                cells = [(fa & fb).sum(), (fa & ~fb).sum(), (~fa & fb).sum(), (~fa & ~fb).sum()]
                iv = difference_interval(cells, tp, P, tn, N)
                if iv is None:
                    continue
                given += 1
                covered += iv[0] - 1e-12 <= piA - piB <= iv[1] + 1e-12
                width += iv[1] - iv[0]
            print(f'| {name} | {n} | {piA}, {piB} | {covered / max(given, 1):.3f}, {width / max(given, 1):.3f}'
                  + ('' if given == replications else f' ({replications - given} without)') + ' |')
