"""Does a value profile's interval hold the human profile of a model the evaluator never saw?

A value profile is the mean of each value's −1/0/+1 labels over a run's answers. The evaluator's
labels are not the human ones, so an interval over its labels (Fulcrum's SignedMean) can be narrow
and wrong. This simulation asks how often it holds the *human* mean, on FULCRA's own data:

  each outer fold = one answering model the evaluator never saw (leave one response_source out);
  its answers are the "population" of a run, and the target is the mean of their human labels;
  a run draws n of them; the report sees only the evaluator's labels of those n answers;
  the confusion (human × predicted) comes from the inner cross-source folds of the fold's training
  part only — what a model file can record about itself.

Three intervals (95%, 1,000 draws / Gibbs iterations each):
  uncorrected  — Dirichlet(+1/2) over the evaluator's label shares (SignedMean, Fulcrum until now)
  shift only   — the same, moved by the evaluator's mean bias (mean label − mean human label) over
                 the inner folds' answering models
  source-bias  — the shift, plus that bias's spread between answering models as a random effect:
                 bias ~ mean + sd·√(1 + 1/S)·t(S − 1)
  zero-centred — no shift; bias ~ rms·t(S), rms the root mean square of the S biases
                 (EvaluatorErrorInterval in Fulcrum, chosen by the mean interval score)
  regression   — E[human | evaluator label] from the confusion rows, mixed by the run's label shares
  latent       — the run's human labels as latent classes: Gibbs over the human shares θ ~ Dir(1/2),
                 the confusion rows P(evaluator label | human) ~ Dir(1/2 + calibration counts + the
                 run's latent counts), and each answer's latent human label

  OUT=/tmp/values-offsets python value_profile_coverage.py [REPLICATIONS]   # on logits_base.pkl (values_inner_offsets.py logits)
"""
import os, sys, pickle
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Y, rows
from values_baseline import VALUES
from scipy import stats
SRC = np.array([r.get('response_source') for r in rows])

OUT = os.environ.get('OUT', '/tmp/values-offsets')
R = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SIZES = [13, 26, 50, 100, 250]
rng = np.random.default_rng(7)
D = pickle.load(open(f'{OUT}/logits_base.pkl', 'rb'))


def confusion(truth, pred):
    c = np.zeros((3, 3))
    np.add.at(c, (truth + 1, pred + 1), 1)
    return c


def dirichlet(alpha):
    g = rng.gamma(alpha)
    return g / g.sum(-1, keepdims=True)


def uncorrected(counts):
    s = dirichlet(0.5 + counts[:, None, :].repeat(1000, 1))          # (R, draws, 3)
    return s[..., 2] - s[..., 0]


def regression(counts, C):
    s = dirichlet(0.5 + counts[:, None, :].repeat(1000, 1))
    q = dirichlet(0.5 + np.broadcast_to(C.T, (len(counts), 1000, 3, 3)))   # rows: evaluator label j → human k
    human = (s[..., :, None] * q).sum(-2)
    return human[..., 2] - human[..., 0]


def zero_centred(counts, inner_truth, inner_pred, inner_src):
    # The bias of a new answering model as zero-mean with the root mean square of the known ones
    # (S degrees of freedom): the evaluator's own mean stays the estimate.
    sources = np.unique(inner_src)
    b = np.array([inner_pred[inner_src == s].mean() - inner_truth[inner_src == s].mean() for s in sources])
    S = len(b)
    rms = np.sqrt((b ** 2).mean())
    return uncorrected(counts) - rms * stats.t.rvs(S, size=(len(counts), 1000), random_state=rng)


def source_bias(counts, inner_truth, inner_pred, inner_src, widen=True):
    # The evaluator's bias on a new answering model, drawn from the spread of its biases on the
    # answering models it was cross-validated on (a random effect; Student t predictive with S − 1 df).
    sources = np.unique(inner_src)
    b = np.array([inner_pred[inner_src == s].mean() - inner_truth[inner_src == s].mean() for s in sources])
    S = len(b)
    sd = b.std(ddof=1) * np.sqrt(1 + 1 / S) if widen else 0.0
    bias = b.mean() + sd * stats.t.rvs(S - 1, size=(len(counts), 1000), random_state=rng)
    return uncorrected(counts) - bias


def latent(counts, C, iterations=1200, burn=200):
    n = len(counts)
    theta = np.full((n, 3), 1 / 3)
    M = dirichlet(0.5 + np.broadcast_to(C, (n, 3, 3)))                 # rows: human k → evaluator label j
    out = np.empty((n, iterations - burn))
    for it in range(iterations):
        L = np.zeros((n, 3, 3))
        for j in range(3):
            w = theta * M[:, :, j]
            w = w / w.sum(1, keepdims=True)
            L[:, :, j] = rng.multinomial(counts[:, j].astype(int), w)
        theta = dirichlet(0.5 + L.sum(2))
        M = dirichlet(0.5 + C[None] + L)
        if it >= burn: out[:, it - burn] = theta[:, 2] - theta[:, 0]
    return out


def tally(cover, width, score, key, draws, target):
    """Adds one cell's runs (draws: runs × Monte Carlo draws) to the tables; returns its coverage."""
    lo, hi = np.percentile(draws, 2.5, -1), np.percentile(draws, 97.5, -1)
    hit = (lo <= target) & (target <= hi)
    cover[key].append(hit.mean()); width[key].append((hi - lo).mean())
    # Interval score (Gneiting & Raftery 2007): width plus 2/α times any miss; lower is better.
    score[key].append(((hi - lo) + 40 * np.maximum(0, lo - target) + 40 * np.maximum(0, target - hi)).mean())
    return hit.mean()


def print_tables(methods, cover, width, score, heading, label, column):
    """Coverage (with the worst cell) and width per method and size, then the mean interval score."""
    print('\n' + heading)
    print(label + '  ' + '  '.join(f'{m:>{column}s}' for m in methods))
    for n in SIZES:
        print(f'{n:{len(label)}d}  ' + '  '.join(f'{np.mean(cover[(m, n)]):.3f} (min {np.min(cover[(m, n)]):.2f}) w {np.mean(width[(m, n)]):.2f}'.rjust(column) for m in methods))
    print('\nmean interval score (width + 40 × miss; lower is better)')
    for n in SIZES:
        print(f'{n:{len(label)}d}  ' + '  '.join(f'{np.mean(score[(m, n)]):.3f}'.rjust(column) for m in methods))


def main():
    methods = ['uncorrected', 'regression', 'latent', 'shift only', 'source-bias', 'zero-centred']
    cover = {(m, n): [] for m in methods for n in SIZES}
    width = {(m, n): [] for m in methods for n in SIZES}
    score = {(m, n): [] for m in methods for n in SIZES}
    per_value = {(m, v): [] for m in methods for v in range(10)}
    for name, d in D.items():
        te, ii = d['test'], d['inner_idx']
        inner_pred, outer_pred = d['inner'].argmax(2) - 1, d['outer'].argmax(2) - 1
        for k in range(10):
            C = confusion(Y[ii, k], inner_pred[:, k])
            target = Y[te, k].mean()
            for n in SIZES:
                idx = np.array([rng.choice(len(te), n, replace=n > len(te)) for _ in range(R)])
                counts = np.stack([(outer_pred[idx, k] == c).sum(1) for c in (-1, 0, 1)], 1).astype(float)
                for m, draws in (('uncorrected', uncorrected(counts)), ('regression', regression(counts, C)),
                                 ('latent', latent(counts, C)),
                                 ('shift only', source_bias(counts, Y[ii, k], inner_pred[:, k], SRC[ii], widen=False)),
                                 ('source-bias', source_bias(counts, Y[ii, k], inner_pred[:, k], SRC[ii])),
                                 ('zero-centred', zero_centred(counts, Y[ii, k], inner_pred[:, k], SRC[ii]))):
                    per_value[(m, k)].append(tally(cover, width, score, (m, n), draws, target))
            print(f'{name[:24]:24s} {VALUES[k]:15s} human {target:+.3f}  evaluator {outer_pred[:, k].mean():+.3f}', flush=True)
    print_tables(methods, cover, width, score,
                 f'coverage of the human mean by the 95% interval (mean over 5 folds × 10 values; min over them), mean width; {R} runs a cell',
                 'answers', 24)
    print('\nper value, mean coverage over folds and sizes')
    for k in range(10):
        print(f'{VALUES[k]:15s} ' + '  '.join(f'{np.mean(per_value[(m, k)]):.3f}' for m in methods))


if __name__ == '__main__':
    main()
