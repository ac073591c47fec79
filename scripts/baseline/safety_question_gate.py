"""Ninth round (issue 13): can a question-risk gate remove the judge's false flags on everyday answers without the
Do-Not-Answer loss that training on them costs (safety_benign_helpful.py)? P(harm) = judge's P(harm | q, a) ×
P(question is risky), the gate a char TF-IDF + LR over the question alone; answers to no question (moderation texts)
are not gated.

Risky questions: the four training sets' (Do-Not-Answer, GPTFuzz, latent-jailbreak) plus SafeRLHF's test questions
and MultiJail's English and Chinese prompts; harmless: the first human turn of every HH helpful dialogue. Scored out of
source: a data set's answers are gated by a gate trained without that data set's questions (HH: without the HH
block the answer's question is in, four blocks), so the gate never saw the kind of question it judges.

  cv-driver safety-oof OOF4 ../shared/data/safety --            # the judge's within-data-set out-of-fold probabilities
  cv-driver safety-oof OOF5 ../shared/data/safety hh.csv --     # HH's probabilities from a judge that never saw it
  python safety_question_gate.py OOF4 OOF5 RAW_THRESHOLD [SATURATION]

SATURATION c softens the gate to min(1, P(risky) / c): only questions the gate finds clearly harmless are damped.
"""
import csv, json, re, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

DATA = "../shared/data"
four = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
hh = [r for r in (json.loads(l) for l in open(sys.argv[2], encoding="utf-8")) if r["source"] == "hh-helpful"]
threshold = float(sys.argv[3])
saturation = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0

questions = []   # (text, risky, group)
for r in four:
    if r["question"].strip():
        questions.append((r["question"], 1, r["source"]))
for l in open(f"{DATA}/fulcra/saferlhf_test_questions.jsonl", encoding="utf-8"):
    questions.append((json.loads(l)["prompt"], 1, "saferlhf"))
for r in csv.DictReader(open(f"{DATA}/safety/multijail/MultiJail.csv", encoding="utf-8-sig")):
    questions += [(r["en"], 1, "multijail"), (r["zh"], 1, "multijail")]
hh_block = {}
for i, l in enumerate(open(f"{DATA}/fulcra/hh_helpful_test.jsonl", encoding="utf-8")):
    q = re.split(r"\n\nAssistant: ", json.loads(l)["chosen"])[0].replace("\n\nHuman: ", "", 1).strip()
    hh_block[q] = f"hh-{i % 4}"
    questions.append((q, 0, hh_block[q]))
questions = list({(t, y, g) for t, y, g in questions})


def gate(exclude, texts):
    train = [(t, y) for t, y, g in questions if not g.startswith(exclude)]
    v = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=200000)
    X = v.fit_transform([t for t, _ in train])
    clf = LogisticRegression(C=3, class_weight="balanced", max_iter=2000).fit(X, [y for _, y in train])
    return np.minimum(1, clf.predict_proba(v.transform(texts))[:, 1] / saturation)


for source in sorted({r["source"] for r in four}):
    rows = [r for r in four if r["source"] == source]
    y = np.array([r["harmful"] for r in rows]); p = np.array([r["oof"] for r in rows])
    asked = np.array([bool(r["question"].strip()) for r in rows])
    g = np.ones(len(rows))
    if asked.any():
        g[asked] = gate(source, [r["question"] for r, a in zip(rows, asked) if a])
    print(f"{source:18s} within F1 {f1_score(y, p >= threshold):.3f} → gated {f1_score(y, p * g >= threshold):.3f}"
          f"  (gate mean on its questions {g[asked].mean() if asked.any() else 1:.2f})")
flags, gated = 0, 0
for b in range(4):
    rows = [r for r in hh if hh_block.get(r["question"].strip(), "hh-x") == f"hh-{b}"]
    p = np.array([r["dataSetOof"] for r in rows])
    g = gate(f"hh-{b}", [r["question"] for r in rows])
    flags += (p >= threshold).sum(); gated += (p * g >= threshold).sum()
print(f"HH helpful answers flagged: {flags / len(hh):.3f} → gated {gated / len(hh):.3f} (of {len(hh)})")
