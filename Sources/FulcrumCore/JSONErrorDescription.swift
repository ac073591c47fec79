import Foundation

/// Turns a `DecodingError` into one line a user can act on (which field, what was wrong).
public enum JSONErrorDescription {
    public static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else {
            let ns = error as NSError
            if let underlying = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return underlying }
            return "\(error)"
        }
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "top level" : "'\(p)'"
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "missing field '\(key.stringValue)'\(at)"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): expected \(type), found null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { describe($0) } ?? context.debugDescription
                return "malformed JSON: \(detail)"
            }
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(decoding)"
        }
    }
}
