"""Does the interval of a difference between two models' value profiles hold the human difference, when the
evaluator saw neither model? (The one-model question is value_profile_coverage.py.)

Each of FULCRA's ten pairs of answering models (A, B): the target is, per value, the mean human label of A's
answers minus B's; a run draws n answers of each and sees only the evaluator's out-of-fold labels (each model's from
the fold that held it out). The evaluator's bias on the other three answering models (their out-of-fold mean label
minus mean human label; S = 3) is what the interval may use — never A's or B's.

  evaluator only  — Dirichlet(+1/2) draws of each model's label shares, differenced (what a profile's CI gives)
  independent     — each model's bias drawn as in EvaluatorErrorInterval, rms·t(S), independently
  shared cancels  — the biases' common part cancels in a difference; what is left is drawn as √2·sd·t(S − 1),
                    sd the biases' standard deviation (ddof 1)

  OUT=/tmp/values-offsets python value_difference_coverage.py [REPLICATIONS]   # on logits_base.pkl
"""
import itertools, os, pickle, sys
import numpy as np
from scipy import stats
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Y
from values_baseline import VALUES
from value_profile_coverage import SIZES, print_tables, tally

OUT = os.environ.get('OUT', '/tmp/values-offsets')
R = int(sys.argv[1]) if len(sys.argv) > 1 else 200
DRAWS = 1000
rng = np.random.default_rng(11)
D = pickle.load(open(f'{OUT}/logits_base.pkl', 'rb'))
PRED = {name: d['outer'].argmax(2) - 1 for name, d in D.items()}
HUMAN = {name: Y[d['test']] for name, d in D.items()}
BIAS = {name: PRED[name].mean(0) - HUMAN[name].mean(0) for name in D}   # per value


def shares(pred, n):
    idx = np.array([rng.choice(len(pred), n, replace=n > len(pred)) for _ in range(R)])
    counts = np.stack([(pred[idx] == c).sum(1) for c in (-1, 0, 1)], 1).astype(float)
    g = rng.gamma(0.5 + counts[:, None, :].repeat(DRAWS, 1))
    s = g / g.sum(-1, keepdims=True)
    return s[..., 2] - s[..., 0]


def main():
    methods = ['evaluator only', 'independent', 'shared cancels']
    cover = {(m, n): [] for m in methods for n in SIZES}
    width = {(m, n): [] for m in methods for n in SIZES}
    score = {(m, n): [] for m in methods for n in SIZES}
    names = list(D)
    for a, b in itertools.combinations(names, 2):
        others = [s for s in names if s not in (a, b)]
        for k in range(10):
            target = HUMAN[a][:, k].mean() - HUMAN[b][:, k].mean()
            biases = np.array([BIAS[s][k] for s in others])
            S = len(biases)
            rms, sd = np.sqrt((biases ** 2).mean()), biases.std(ddof=1)
            for n in SIZES:
                base = shares(PRED[a][:, k], n) - shares(PRED[b][:, k], n)
                t = lambda df: stats.t.rvs(df, size=(R, DRAWS), random_state=rng)
                for m, draws in (('evaluator only', base),
                                 ('independent', base - rms * t(S) + rms * t(S)),
                                 ('shared cancels', base - np.sqrt(2) * sd * t(S - 1))):
                    tally(cover, width, score, (m, n), np.clip(draws, -2, 2), target)
        print(f'{a[:22]:22s} − {b[:22]:22s} done', flush=True)
    print_tables(methods, cover, width, score,
                 f'coverage of the human difference by the 95% interval (mean over 10 pairs × 10 values; min), mean width; {R} runs a cell',
                 'answers each', 26)
    print('overall       ' + '  '.join(f'{np.mean([np.mean(score[(m, n)]) for n in SIZES]):.3f}'.rjust(26) for m in methods))


if __name__ == '__main__':
    main()
