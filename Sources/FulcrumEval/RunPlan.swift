import Foundation
import FulcrumCore
import FulcrumStore

/// One call to make: an item's prompt in one language, to one model, as the n-th sample.
public struct PlannedCall: Sendable, Hashable {
    public var key: PlanKey
    public var item: SuiteItem
}

/// Items × models × languages × samples, after filters and limit.
///
/// Calls are ordered item by item, models interleaved, so per-model concurrency limits never leave
/// the global pool idle waiting on one model.
public struct RunPlan: Sendable {
    public var items: [SuiteItem]
    public var calls: [PlannedCall]
    /// Combinations left out, with the reason (e.g. an item without a Chinese prompt).
    public var skipped: [String]

    public var keys: [PlanKey] { calls.map(\.key) }

    public static func make(suite: Suite, configuration c: RunConfiguration, scale: GVSScale = .builtIn) throws -> RunPlan {
        var items = try c.filter.select(from: suite, scale: scale)
        if let limit = c.limit { items = Array(items.prefix(limit)) }
        let zhModels = Set(c.zhModels)
        var calls: [PlannedCall] = []
        var skipped: [String] = []
        for item in items {
            for sample in 0..<c.samples {
                for model in c.models {
                    for language in c.language.languages(for: model, zhModels: zhModels) {
                        guard item.prompt[language] != nil else {
                            if sample == 0 { skipped.append("item \(item.id) has no \(language) prompt (model \(model))") }
                            continue
                        }
                        let key = PlanKey(itemID: item.id, modelSpec: model, language: language.rawValue, sampleIndex: sample)
                        calls.append(PlannedCall(key: key, item: item))
                    }
                }
            }
        }
        if calls.isEmpty {
            throw PlanError.emptyPlan(items.isEmpty ? "no suite item matches the filters" : skipped.first ?? "no calls planned")
        }
        return RunPlan(items: items, calls: calls, skipped: skipped)
    }

    /// Calls per model, in the configuration's model order, for `--dry-run`.
    public func callsByModel() -> [(model: String, calls: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for call in calls {
            if counts[call.key.modelSpec] == nil { order.append(call.key.modelSpec) }
            counts[call.key.modelSpec, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }
}

extension Suite {
    /// SHA-256 of the items as Fulcrum encodes them (sorted keys), independent of file formatting.
    public var contentHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8] = []
        for item in items {
            bytes += (try? encoder.encode(item)).map(Array.init) ?? []
            bytes.append(0x0A)
        }
        return SHA256.hex(bytes)
    }
}
