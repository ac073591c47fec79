"""Does BaseAlign's reward, computed from the value evaluator's labels, agree with the reward people's
labels give, and does a harm penalty help? On FULCRA dev, out of fold (each answering model's
dialogues labelled by a model trained without that answering model: logits_base.pkl from
values_inner_offsets.py logits), with the native safety judge's calibrated harm probability
(`values_cv_release.sh safety-assess`; the judge never saw FULCRA).

  HARM=/tmp/fulcra_harm.txt OUT=/tmp/values-offsets python baseline_reward_harm.py
"""
import os, sys, pickle
import numpy as np
from scipy.stats import spearmanr
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Y

TARGETS = {'default': [0, 0, 0, 1, 0, 1, 0, 1, 1, 1],
           'uk': [0.4809, 0.1305, 0.1004, 0.0029, -0.2383, 0.4362, 0.2712, 0.1420, 0.6520, 0.5906],
           'netherlands': [0.5190, 0.1148, 0.3016, 0.1311, -0.1124, 0.3389, 0.2165, 0.2578, 0.5661, 0.5243],
           'france': [0.3761, -0.0296, 0.3384, -0.1741, -0.3195, 0.4078, 0.2587, 0.0698, 0.6212, 0.5705]}
D = pickle.load(open(os.path.join(os.environ.get('OUT', '/tmp/values-offsets'), 'logits_base.pkl'), 'rb'))
H = np.array([float(l) for l in open(os.environ.get('HARM', '/tmp/fulcra_harm.txt'))])


def reward(V, t):
    t = np.array(t)
    return -((np.abs(V) > 0.3) * np.abs(V - t) * np.abs(t)).sum(1)


idx, P, src = [], [], []
for name, d in D.items():
    idx.append(d['test']); P.append(d['outer'].argmax(2) - 1); src += [name] * len(d['test'])
idx, P, src = np.concatenate(idx), np.concatenate(P), np.array(src)
T, h = Y[idx], H[idx]
anyneg = (T == -1).any(1)
print(f'{len(idx)} dialogues out of fold; {anyneg.sum()} with a human −1 label; harm probability AUC for them: ', end='')
from sklearn.metrics import roc_auc_score
print(f'{roc_auc_score(anyneg, h):.3f}')
for tn, t in TARGETS.items():
    human, ev = reward(T, t), reward(P, t)
    row = [f'{tn:12s} Spearman(evaluator reward, human reward) {spearmanr(ev, human)[0]:.3f}',
           f'human reward of dialogues with a −1 label {human[anyneg].mean():+.3f} vs others {human[~anyneg].mean():+.3f};',
           f'evaluator reward {ev[anyneg].mean():+.3f} vs {ev[~anyneg].mean():+.3f};',
           f'AUC (reward ranks the rest above −1 dialogues): human {roc_auc_score(~anyneg, human):.3f} evaluator {roc_auc_score(~anyneg, ev):.3f}']
    print(' '.join(row))
    for lam in [0.5, 1, 2, 4]:
        pen = ev - lam * h
        per = [spearmanr(pen[src == s], human[src == s])[0] for s in D]
        base = [spearmanr(ev[src == s], human[src == s])[0] for s in D]
        print(f'   penalty λ {lam}: Spearman {spearmanr(pen, human)[0]:.3f}; per answering model {" ".join(f"{b:.2f}→{p:.2f}" for b, p in zip(base, per))}; '
              f'AUC {roc_auc_score(~anyneg, pen):.3f}')

# Preference accuracy, as a reward model is judged: pairs of answers to the same prompt whose
# human-label rewards differ; the share the reward orders the same way (ties count half).
from values_prototypes import PR
prompts = np.array([PR[i][0].strip().lower() for i in idx])
pairs = []
for p in np.unique(prompts):
    members = np.where(prompts == p)[0]
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            pairs.append((members[a], members[b]))
pairs = np.array(pairs)
print(f'\n{len(pairs)} pairs of answers to the same prompt ({len(np.unique(prompts))} prompts)')
for tn, t in TARGETS.items():
    human, ev = reward(T, t), reward(P, t)
    i, j = pairs[:, 0], pairs[:, 1]
    d = np.sign(human[i] - human[j]); keep = d != 0
    def acc(r):
        s = np.sign(r[i] - r[j])[keep]
        return ((s == d[keep]).sum() + 0.5 * (s == 0).sum()) / keep.sum()
    print(f'{tn:12s} {keep.sum()} pairs with a human preference; preference accuracy: evaluator reward {acc(ev):.3f}, '
          + ', '.join(f'− {lam}·P(harm) {acc(ev - lam * h):.3f}' for lam in [0.25, 0.5, 1, 2]) + f', P(harm) alone {acc(-h):.3f}')
