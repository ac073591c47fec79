"""Does abstaining on a value (never saying −1/+1 for it) lift macro-F1 across sources? (issue 13,
sixth round). Scikit-learn's macro-F1 counts only the classes present in truth or prediction, so a
value whose −1/+1 a fold never holds scores 1.0 when none is said and about 0.5 when one is; a
"suppress" offset (−30) is added to the decision-offset grid and chosen per value by the inner
cross-source validation of values_inner_offsets.py, on the inner out-of-fold logits only.

  python values_inner_offsets.py logits FOLDS.json base      # once (~5 min on 2 cores)
  python values_abstain.py [TAG]                             # offsets chosen inner, scored outer
The last table reads the outer labels (an upper bound per value, never a choice)."""
import os, sys, pickle
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_inner_offsets import run, show, Y, OUT
from sklearn.metrics import f1_score

tag = sys.argv[1] if len(sys.argv) > 1 else 'base'
show('argmax', run(tag, grid=np.array([0.0]))[0])
for grid, name in [(np.arange(0, 2.01, 0.5), 'shared 0..2 (the ported design)'),
                   (np.array([-30.0, 0.0]), 'shared {suppress, 0}'),
                   (np.array([-30.0, -1, -0.5, 0.0]), 'shared {suppress, -1, -0.5, 0}'),
                   (np.array([-30.0, 0, 0.5, 1, 1.5, 2]), 'shared {suppress, 0..2}')]:
    for tie in [0.0, 0.01]:
        show(f'{name} tie {tie}', run(tag, grid=grid, mode='shared', tie=tie)[1])
show('-1 and +1 apart {suppress, 0} tie 0.01', run(tag, grid=np.array([-30.0, 0.0]), mode='pair', tie=0.01)[1])

D = pickle.load(open(f'{OUT}/logits_{tag}.pkl', 'rb'))
for k in range(10):
    said, silent = [], []
    for d in D.values():
        te, P = d['test'], d['outer'][:, k].argmax(1) - 1
        said.append(f1_score(Y[te, k], P, average='macro'))
        silent.append(f1_score(Y[te, k], np.zeros_like(P), average='macro'))
    print(k, 'arg-max %.3f  all zero %.3f' % (np.mean(said), np.mean(silent)),
          'non-zero labels per fold', [int((Y[d['test'], k] != 0).sum()) for d in D.values()])
