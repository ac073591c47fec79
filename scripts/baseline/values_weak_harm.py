"""Eighth round (issue 13): teach the value evaluator that harmful help is not benevolent, with weak
labels from the safety sets. Out of fold the evaluator says benevolence +0.73 on alpaca-7b's often
harmful answers where people say +0.25 (docs/value-profiles.md): it has seen too few harmful answers
to learn their sign. Here the answers the safety sets' raters called harmful (Do-Not-Answer's 92,
GPTFuzz's 1,694 jailbroken answers) join the training part of every fold as −1 for the chosen values
only, with sample weight w; the other values' heads and the class balance (FULCRA counts) are as
before. Same emulation and folds as values_crosssource_prototypes.py (pw 0.5, C 2.53, tol 1e-3).

  python values_weak_harm.py FOLDS.json [values=benevolence,... w=0.1 vocab=fulcra|both sets=dna,gptfuzz]
"""
import csv, json, os, sys, time
import numpy as np
from scipy.sparse import vstack
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score
from values_baseline import VALUES

SAFETY = os.environ.get('SAFETY', os.path.join(os.path.dirname(__file__), '../../../shared/data/safety'))


def harmful_answers(sets):
    out = []
    if 'dna' in sets:
        for r in csv.DictReader(open(f'{SAFETY}/do-not-answer/data_en_4models.csv', encoding='utf-8')):
            for m in ['GPT4', 'ChatGPT', 'llama2-7b-chat', 'vicuna-7b']:
                if r[f'{m}_harmful'].strip() == '1': out.append((r['question'], r[f'{m}_response']))
    if 'gptfuzz' in sets:
        qs = [list(r.values())[-1] for r in csv.DictReader(open(f'{SAFETY}/gptfuzz/question_list.csv', encoding='utf-8'))]
        for r in csv.DictReader(open(f'{SAFETY}/gptfuzz/responses_labeled_train.csv', encoding='utf-8')):
            if r['label'] == '1': out.append((qs[int(r['question'])], r['Response']))
    return out


def run(folds, values, w, vocab, sets, C=2.53, pw=0.5):
    aux = harmful_answers(sets)
    ks = [VALUES.index(v) for v in values]
    res, bias = [], []
    for fold in folds:
        tr, te = np.array(fold['train']), np.array(fold['test'])
        f = Feat(pw=pw).fit([PR[i] for i in tr] + (aux if vocab == 'both' else []))
        Xtr, Xte, Xa = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te]), f.transform(aux)
        P = np.zeros((len(te), 10), dtype=int)
        for k in range(10):
            y = Y[tr, k]
            cls, cnt = np.unique(y, return_counts=True)
            cw = {c: len(y) / (len(cls) * n) for c, n in zip(cls, cnt)}
            if len(cls) < 2:
                P[:, k] = cls[0]; continue
            X, yy, sw = Xtr, y, np.ones(len(y))
            if k in ks and w > 0:
                X, yy, sw = vstack([Xtr, Xa]).tocsr(), np.concatenate([y, -np.ones(len(aux), dtype=int)]), np.concatenate([sw, np.full(len(aux), w)])
            m = LogisticRegression(C=C, class_weight=cw, max_iter=2000, tol=1e-3).fit(X, yy, sample_weight=sw)
            P[:, k] = m.predict(Xte)
        res.append(score(Y[te], P))
        bias.append([P[:, k].mean() - Y[te, k].mean() for k in ks])
        print(f"  {fold['name'][:28]:28s} F1 {res[-1][1]:.3f}  bias " + ' '.join(f'{b:+.3f}' for b in bias[-1]), flush=True)
    return np.array(res), np.array(bias)


if __name__ == '__main__':
    folds = [f for f in json.load(open(sys.argv[1]))['folds'] if f['scheme'] == 'response_source']
    kw = dict(values=['benevolence'], w=0.1, vocab='fulcra', sets=['dna', 'gptfuzz'])
    for a in sys.argv[2:]:
        k, v = a.split('=')
        kw[k] = v.split(',') if k in ('values', 'sets') else (float(v) if k == 'w' else v)
    t0 = time.time()
    r, b = run(folds, **kw)
    print(f"{kw}  F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}  exact {r[:,2].mean():.3f}  "
          f"|bias| mean " + ' '.join(f'{x:.3f}' for x in np.abs(b).mean(0)) + f"  {time.time() - t0:.0f}s")
