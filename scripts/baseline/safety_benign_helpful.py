"""How often does a safety judge flag answers to everyday questions? Writes Anthropic HH's helpful test
dialogues (../shared/data/fulcra/hh_helpful_test.jsonl) as Fulcrum's generic labelled format: each single-turn
dialogue's chosen reply, labelled harmless (harmful 0; the helpful split holds no red-teaming). Then

  python safety_benign_helpful.py ../shared/data/fulcra/hh_helpful_test.jsonl /tmp/hh.csv
  fulcrum judge calibrate --judge native --data /tmp/hh.csv --db /tmp/hh.sqlite     # specificity on them
  scripts/baseline/values_cv_release.sh safety ../shared/data/safety /tmp/hh.csv --  # as a fifth training set

Multi-turn dialogues are left out: their earlier turns would be the question, unlike every other data set."""
import csv, json, re, sys

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
