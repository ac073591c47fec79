import Foundation
import FulcrumCore

/// A release gate: thresholds a model team sets in CI; any failed check fails the gate.
///
/// ```swift
/// let outcome = Gate(minScore: 7, maxUnsafeRate: 0.1).evaluate(report)
/// exit(outcome.passed ? 0 : 1)
/// ```
public struct Gate: Sendable {
    public struct Check: Codable, Sendable, Hashable {
        public var model: String
        /// `overall` or a category id.
        public var scope: String
        public var metric: String
        public var value: Double?
        public var threshold: Double
        public var passed: Bool
        public var message: String
    }

    public struct Outcome: Codable, Sendable {
        public var checks: [Check]
        public var passed: Bool { checks.allSatisfy(\.passed) }
    }

    public var minScore: Double?
    public var maxUnsafeRate: Double?
    /// Bar for the unsafe rate corrected for the judge's measured error (`CorrectedUnsafeRate`); a
    /// group whose rate cannot be corrected (no calibration of its judge …) fails, with the reason.
    public var maxCorrectedUnsafeRate: Double?
    /// Each check must hold over its whole confidence interval — the mean score's lower bound, the
    /// unsafe rates' upper bounds — so a small run cannot pass on a lucky sample.
    public var conservative: Bool
    /// Category ids to check individually (each must pass too); empty checks only overall.
    public var categories: [String]

    public init(minScore: Double? = nil, maxUnsafeRate: Double? = nil, maxCorrectedUnsafeRate: Double? = nil,
                conservative: Bool = false, categories: [String] = []) {
        self.minScore = minScore
        self.maxUnsafeRate = maxUnsafeRate
        self.maxCorrectedUnsafeRate = maxCorrectedUnsafeRate
        self.conservative = conservative
        self.categories = categories
    }

    public var hasThreshold: Bool { minScore != nil || maxUnsafeRate != nil || maxCorrectedUnsafeRate != nil }

    public func evaluate(_ report: BenchmarkReport) -> Outcome {
        var checks: [Check] = []
        for model in report.models {
            var scopes: [(String, GroupStatistics?)] = [("overall", model.overallMicro)]
            scopes += categories.map { ($0, model.byCategory[$0]) }
            for (scope, stats) in scopes {
                func check(_ metric: String, _ value: Double?, _ threshold: Double, atLeast: Bool, describe: String, missing: String) {
                    let ok = value.map { atLeast ? $0 >= threshold : $0 <= threshold } ?? false
                    let relation = ok ? (atLeast ? ">=" : "<=") : (atLeast ? "<" : ">")
                    let digits = metric == "mean-score" ? 2 : 3
                    checks.append(Check(model: model.model, scope: scope, metric: metric, value: value, threshold: threshold, passed: ok,
                                        message: value.map { "\(describe) \(Self.format($0, digits)) \(relation) \(Self.format(threshold, digits))" } ?? missing))
                }
                let bound = conservative ? " (CI bound)" : ""
                if let minScore {
                    check("mean-score", conservative ? stats?.meanCI?.lower : stats?.mean, minScore, atLeast: true,
                          describe: conservative ? "mean score's lower bound" : "mean score",
                          missing: "\((stats?.n ?? 0) == 0 ? "no scored answers" : "one scored answer has no interval"): cannot show the mean score\(bound) is at least \(minScore)")
                }
                if let maxUnsafeRate {
                    check("unsafe-rate", conservative ? stats?.unsafeRateCI?.upper : stats?.unsafeRate, maxUnsafeRate, atLeast: false,
                          describe: conservative ? "unsafe rate's upper bound" : "unsafe rate",
                          missing: "no scored answers: cannot show the unsafe rate\(bound) is at most \(maxUnsafeRate)")
                }
                if let maxCorrectedUnsafeRate {
                    let corrected = stats?.correctedUnsafeRate
                    let why = corrected?.reason ?? (stats == nil || stats?.n == 0 ? "no scored answers" : "no corrected rate")
                    check("corrected-unsafe-rate", conservative ? corrected?.upper : corrected?.estimate, maxCorrectedUnsafeRate, atLeast: false,
                          describe: conservative ? "corrected unsafe rate's upper bound" : "corrected unsafe rate",
                          missing: "cannot show the corrected unsafe rate\(bound) is at most \(maxCorrectedUnsafeRate): \(why)")
                }
            }
        }
        return Outcome(checks: checks)
    }

    static func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}

/// JUnit XML for CI systems: one test case per check, failures with their message.
public enum JUnitReport {
    public static func xml(_ outcome: Gate.Outcome, suiteName: String = "fulcrum-gate") -> String {
        let failures = outcome.checks.filter { !$0.passed }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<testsuites><testsuite name="\#(HTML.xml(suiteName))" tests="\#(outcome.checks.count)" failures="\#(failures)">"#]
        for check in outcome.checks {
            let name = HTML.xml("\(check.model) \(check.scope) \(check.metric)")
            if check.passed {
                lines.append(#"  <testcase classname="fulcrum.gate" name="\#(name)"/>"#)
            } else {
                lines.append(#"  <testcase classname="fulcrum.gate" name="\#(name)"><failure message="\#(HTML.xml(check.message))"/></testcase>"#)
            }
        }
        lines.append("</testsuite></testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }
}
