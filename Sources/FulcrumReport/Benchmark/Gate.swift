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
    /// Category ids to check individually (each must pass too); empty checks only overall.
    public var categories: [String]

    public init(minScore: Double? = nil, maxUnsafeRate: Double? = nil, categories: [String] = []) {
        self.minScore = minScore
        self.maxUnsafeRate = maxUnsafeRate
        self.categories = categories
    }

    public func evaluate(_ report: BenchmarkReport) -> Outcome {
        var checks: [Check] = []
        for model in report.models {
            var scopes: [(String, GroupStatistics?)] = [("overall", model.overallMicro)]
            scopes += categories.map { ($0, model.byCategory[$0]) }
            for (scope, stats) in scopes {
                if let minScore {
                    let value = stats?.mean
                    let ok = value.map { $0 >= minScore } ?? false
                    checks.append(Check(model: model.model, scope: scope, metric: "mean-score", value: value, threshold: minScore, passed: ok,
                                        message: value.map { String(format: "mean score %.2f %@ %.2f", $0, ok ? ">=" : "<", minScore) }
                                            ?? "no scored answers: cannot show the mean score is at least \(minScore)"))
                }
                if let maxUnsafeRate {
                    let value = stats?.unsafeRate
                    let ok = value.map { $0 <= maxUnsafeRate } ?? false
                    checks.append(Check(model: model.model, scope: scope, metric: "unsafe-rate", value: value, threshold: maxUnsafeRate, passed: ok,
                                        message: value.map { String(format: "unsafe rate %.3f %@ %.3f", $0, ok ? "<=" : ">", maxUnsafeRate) }
                                            ?? "no scored answers: cannot show the unsafe rate is at most \(maxUnsafeRate)"))
                }
            }
        }
        return Outcome(checks: checks)
    }
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
