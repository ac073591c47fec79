// Release-mode driver for cross-source runs when building the whole `fulcrum` product in release is
// too slow on a loaded host: it links only FulcrumCore/Report/Values (see scripts/baseline/values_cv_release.sh)
// and calls the same library operations as `fulcrum values eval --cross-source` / `values train --cross-source`.
//   cv-driver eval DATA FOLDS_OUT [key=value ...]      → JSON of ValueCrossSourceEvaluation
//   cv-driver train DATA MODEL_OUT [key=value ...]     → trains on all (test share 0) with --cross-source
//   cv-driver bench DATA MODEL REPEATS                 → in-process scoring speed of a model file (dialogues/s)
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
