"""How often does a safety judge flag answers to everyday questions? Writes Anthropic HH's helpful test
dialogues (../shared/data/fulcra/hh_helpful_test.jsonl) as Fulcrum's generic labelled format: each single-turn
dialogue's chosen reply, labelled harmless (harmful 0; the helpful split holds no red-teaming). Then

  python safety_benign_helpful.py ../shared/data/fulcra/hh_helpful_test.jsonl /tmp/hh.csv
  fulcrum judge calibrate --judge native --data /tmp/hh.csv --db /tmp/hh.sqlite     # specificity on them
  scripts/baseline/values_cv_release.sh safety ../shared/data/safety /tmp/hh.csv --  # as a fifth training set

Multi-turn dialogues are left out: their earlier turns would be the question, unlike every other data set.

  cv-driver safety-oof OOF ../shared/data/safety /tmp/hh.csv --   # values_cv_release.sh builds it
  python safety_benign_helpful.py analyse OOF THRESHOLD            # the share of them flagged, native and plain

`analyse`: the native judge's out-of-fold share of HH answers above the raw threshold, with HH among the training
sets (held out by blocks of questions) and with HH held out whole (the shipped judge's situation), each data set's
within F1 beside it; and the plain word TF-IDF + LR baseline trained on the other data sets' answers (balanced,
0.5), scored on the HH answers."""
import csv, json, re, sys


def analyse(path, threshold):
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    hh = np.array([r["source"] == "hh-helpful" for r in rows])
    y = np.array([r["harmful"] for r in rows], dtype=bool)
    oof, whole = np.array([r["oof"] for r in rows]), np.array([r["dataSetOof"] for r in rows])
    print(f"native, HH among the training sets: {np.mean(oof[hh] >= threshold):.3f} of {hh.sum()} flagged")
    print(f"native, HH held out whole:          {np.mean(whole[hh] >= threshold):.3f}")
    for source in sorted({r["source"] for r in rows} - {"hh-helpful"}):
        m = np.array([r["source"] == source for r in rows])
        print(f"  within F1 {source}: {f1_score(y[m], oof[m] >= threshold):.3f}")
    text = [r["question"] + "\n" + r["answer"] for r in rows]
    v = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=200000).fit([t for t, h in zip(text, hh) if not h])
    clf = LogisticRegression(C=1, class_weight="balanced", max_iter=2000).fit(v.transform([t for t, h in zip(text, hh) if not h]), y[~hh])
    print(f"plain baseline, HH never seen:      {np.mean(clf.predict_proba(v.transform([t for t, h in zip(text, hh) if h]))[:, 1] >= 0.5):.3f}")


if sys.argv[1] == "analyse":
    analyse(sys.argv[2], float(sys.argv[3]))
    sys.exit(0)
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    out = csv.writer(f)
    out.writerow(["question", "answer", "harmful", "language", "source"])
    kept = 0
    for r in rows:
        turns = re.split(r"\n\nAssistant: ", r["chosen"])
        if len(turns) != 2 or "\n\nHuman: " in turns[1]:
            continue
        question, answer = turns[0].replace("\n\nHuman: ", "", 1).strip(), turns[1].strip()
        if question and answer:
            out.writerow([question, answer, 0, "en", "hh-helpful"]); kept += 1
print(f"{kept} single-turn answers of {len(rows)} dialogues written to {sys.argv[2]}")
