// Release-mode driver for cross-source runs when building the whole `fulcrum` product in release is
// too slow on a loaded host: it links only FulcrumCore/Report/Values (see scripts/baseline/values_cv_release.sh)
// and calls the same library operations as `fulcrum values eval --cross-source` / `values train --cross-source`.
//   cv-driver eval DATA FOLDS_OUT [key=value ...]      → JSON of ValueCrossSourceEvaluation
//   cv-driver train DATA MODEL_OUT [key=value ...]     → trains on all (test share 0) with --cross-source
//   cv-driver bench DATA MODEL REPEATS                 → in-process scoring speed of a model file (dialogues/s)
//   cv-driver safety DATA… -- [key=value ...]         → `judge eval --cross-source` figures of a safety design, one line each
//   cv-driver safety-train DATA MODEL_OUT CALIBRATION_OUT → `judge train --cross-source --test-share 0 --calibration-out`
//   cv-driver safety-oof OUT DATA… -- key=value    → as safety, and writes every answer's out-of-fold probabilities
//   cv-driver safety-bench DATA MODEL REPEATS          → in-process speed of a safety model file (answers/s)
//   cv-driver safety-heads VALUE_DATA MODEL OUT         → every safety head's probabilities per value dialogue, JSONL
//   cv-driver safety-assess VALUE_DATA MODEL OUT        → the judge's calibrated harm probability per value dialogue, one per line
import Foundation
import FulcrumValues

let args = CommandLine.arguments
if args[1] == "bench" {
    let evaluator = try NativeValueEvaluator(contentsOf: URL(fileURLWithPath: args[3]))
    let samples = try ValueDataset.load([URL(fileURLWithPath: args[2])]).samples
    let repeats = Int(args[4])!
    let t0 = Date()
    var sum = 0.0
    for _ in 0..<repeats { for s in samples { sum += evaluator.assess(prompt: s.dialogue.prompt, response: s.dialogue.response).confidence[0] ?? 0 } }
    let dt = Date().timeIntervalSince(t0)
    print("\(args[3]): \(samples.count * repeats) dialogues in \(String(format: "%.2f", dt)) s, \(Int(Double(samples.count * repeats) / dt))/s (checksum \(sum))")
    exit(0)
}
if args[1] == "safety-bench" {
    let judge = try NativeSafetyJudge(contentsOf: URL(fileURLWithPath: args[3]))
    let samples = try SafetyDataset.load([URL(fileURLWithPath: args[2])])
    let repeats = Int(args[4])!
    let t0 = Date()
    var sum = 0.0
    for _ in 0..<repeats { for s in samples { sum += judge.assess(question: s.question, answer: s.answer).harmProbability } }
    let dt = Date().timeIntervalSince(t0)
    print("\(judge.identifier): \(samples.count * repeats) answers in \(String(format: "%.2f", dt)) s, \(Int(Double(samples.count * repeats) / dt))/s (checksum \(sum))")
    exit(0)
}
if args[1] == "safety-heads" {
    let model = try ModelFile.load(URL(fileURLWithPath: args[3]), expectedKind: NativeSafetyJudge.modelKind)
    var out = Data()
    for s in try ValueDataset.load([URL(fileURLWithPath: args[2])]).samples {
        let row = model.featurizer.featurize([s.dialogue.prompt, s.dialogue.response]).row
        let heads = Dictionary(uniqueKeysWithValues: model.heads.map { ($0.name, $0.probabilities(row)) })
        out.append(try JSONEncoder().encode(["prompt": [String(s.dialogue.prompt.prefix(40))]].merging(heads.mapValues { $0.map { String($0) } }) { $1 }))
        out.append(0x0A)
    }
    try out.write(to: URL(fileURLWithPath: args[4]))
    exit(0)
}
if args[1] == "safety-assess" {
    // The judge's calibrated harm probability (as reports use it) for each value dialogue, one per line.
    let judge = try NativeSafetyJudge(contentsOf: URL(fileURLWithPath: args[3]))
    let lines = try ValueDataset.load([URL(fileURLWithPath: args[2])]).samples.map {
        String(judge.assess(question: $0.dialogue.prompt, answer: $0.dialogue.response).harmProbability)
    }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: args[4]))
    exit(0)
}
if args[1] == "safety-train" {
    let t = try SafetyJudgeTraining.train(data: [URL(fileURLWithPath: args[2])], testShare: 0, crossSource: true,
                                          writingTo: URL(fileURLWithPath: args[3]))
    try t.calibration!.jsonData().write(to: URL(fileURLWithPath: args[4]), options: .atomic)
    print("trained in \(t.seconds) s on \(t.samples.count) answers; mean pooled F1 \(t.crossSource!.meanPooledF1)")
    exit(0)
}
if args[1] == "safety" || args[1] == "safety-oof" {
    let oofOut = args[1] == "safety-oof" ? args[2] : nil
    let first = oofOut == nil ? 2 : 3
    let split = args.firstIndex(of: "--") ?? args.count
    let samples = try SafetyDataset.load(args[first..<split].map { URL(fileURLWithPath: $0) })
    var t = SafetyModelTrainer()
    for kv in args.dropFirst(split + 1) {
        let p = kv.split(separator: "=").map(String.init)
        switch p[0] {
        case "questionWeight": t.featurizer.fieldWeights[0] = Float(p[1])!
        case "l2": t.optimizer.l2 = Double(p[1])!
        case "categoryHeads": t.categoryHeads = p[1] == "1"
        case "minPositives": t.minimumCategoryPositives = Int(p[1])!
        case "categoryBalancePower": t.categoryBalancePower = Double(p[1])!
        case "charMaxN": t.featurizer.charMaxN = Int(p[1])!
        case "maxScalars": t.featurizer.maxScalarsPerField = Int(p[1])!
        case "epochs": t.optimizer.epochs = Int(p[1])!
        case "dataSetBalancePower": t.dataSetBalancePower = Double(p[1])!
        case "wordMaxN": t.featurizer.wordMaxN = Int(p[1])!
        case "charMinN": t.featurizer.charMinN = Int(p[1])!
        case "minDf": t.featurizer.minDocumentFrequency = Int(p[1])!
        case "hashBits": t.featurizer.hashBits = Int(p[1])!
        case "lbfgs": t.optimizer.lbfgsIterations = Int(p[1])!
        default: fatalError("unknown option \(p[0])")
        }
    }
    let started = Date()
    let cv = SafetyCrossValidation.run(samples, trainer: t)
    if let oofOut {
        // One line per answer: its folds, labels and both out-of-fold harm probabilities (raw), for analysis.
        var within = [String](repeating: "", count: samples.count), dataSet = [String](repeating: "", count: samples.count)
        for fold in cv.withinDataSet.folds { for i in fold.test { within[i] = fold.name } }
        for fold in cv.leaveDataSetOut.folds { for i in fold.test { dataSet[i] = fold.name } }
        var data = Data()
        for (i, s) in samples.enumerated() {
            let line: [String: Any] = ["fold": within[i], "dataSetFold": dataSet[i], "source": s.source, "model": s.model ?? "",
                                       "category": s.category ?? "", "harmful": s.harmful, "question": s.question, "answer": s.answer,
                                       "oof": cv.outOfFold[i], "dataSetOof": cv.dataSetOutOfFold[i] ?? -1]
            data.append(try JSONSerialization.data(withJSONObject: line))
            data.append(0x0A)
        }
        try data.write(to: URL(fileURLWithPath: oofOut))
    }
    let r = SafetyCrossSourceReport.make(cv)
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    print("pooled: " + r.pooled.map { "\($0.name) \(f($0.f1)) [\($0.f1)] (P \(f($0.precision)) R \(f($0.recall)))" }.joined(separator: ", ")
          + "; mean \(f(r.meanPooledF1)) (\(r.meanPooledF1), unrounded, for the criterion); worst fold \(r.withinDataSetF1.map { f($0.worst) } ?? "-")")
    print("whole set out: " + r.leaveDataSetOut.map { "\($0.name) \(f($0.f1))" }.joined(separator: ", "))
    print("threshold \(r.decision.threshold), ECE \(f(r.calibrated.ece))")
    // The error reports correct with (each whole data set held out): Youden J = Se + Sp − 1 sets how
    // wide a corrected interval is.
    if let t = r.transferCalibration(of: samples, judge: "trial", data: []) {
        for s in [t.overall] + t.byLanguage {
            let j = (s.sensitivity ?? 0) + (s.specificity ?? 0) - 1
            print("transfer \(s.language ?? "all"): Se \(s.sensitivity.map(f) ?? "-") (\(s.counts.positives)) Sp \(s.specificity.map(f) ?? "-") (\(s.counts.negatives)) J \(f(j))")
        }
    }
    let record = r.outOfFoldCalibration(of: samples, judge: "trial", data: [])
    for s in [record.overall] + record.byCategory {
        print("  \(s.category ?? "-"): Se \(s.sensitivity.map(f) ?? "-") (\(s.counts.positives)) Sp \(s.specificity.map(f) ?? "-") (\(s.counts.negatives))")
    }
    FileHandle.standardError.write(Data("seconds: \(Date().timeIntervalSince(started))\n".utf8))
    exit(0)
}
var o = ValueModelTraining.Options()
for kv in args.dropFirst(4) {
    let p = kv.split(separator: "=").map(String.init)
    switch p[0] {
    case "promptWeight": o.promptWeight = Float(p[1])!
    case "l2": o.l2 = Double(p[1])!
    case "balancePower": o.balancePower = Double(p[1])!
    case "charMinN": o.charMinN = Int(p[1])!
    case "charMaxN": o.charMaxN = Int(p[1])!
    case "wordMaxN": o.wordMaxN = Int(p[1])!
    case "hashBits": o.hashBits = Int(p[1])!
    case "minDf": o.minDocumentFrequency = Int(p[1])!
    case "decisionOffsets": o.decisionOffsets = p[1] == "1" || p[1] == "true"
    default: fatalError("unknown option \(p[0])")
    }
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let data = URL(fileURLWithPath: args[2])
let started = Date()
if args[1] == "eval" {
    let e = try ValueCrossSourceEvaluation.evaluate(data: [data], options: o)
    try encoder.encode(["folds": e.crossSource.membership]).write(to: URL(fileURLWithPath: args[3]))
    FileHandle.standardOutput.write(try encoder.encode(e))
} else {
    o.testShare = 0
    o.crossSource = true
    let t = try ValueModelTraining.train(data: [data], options: o, writingTo: URL(fileURLWithPath: args[3]))
    FileHandle.standardOutput.write(try encoder.encode(t.crossSource!))
}
FileHandle.standardError.write(Data("seconds: \(Date().timeIntervalSince(started))\n".utf8))
