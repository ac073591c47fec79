import Foundation

/// A trained model from a file the user names, or the one shipped with Fulcrum when none is named:
/// every front end picks its value evaluator and safety judge the same way.
extension NativeValueEvaluator {
    public static func load(path: String?) throws(ModelFileError) -> NativeValueEvaluator {
        if let path { return try NativeValueEvaluator(contentsOf: URL(fileURLWithPath: path)) }
        return try builtIn()
    }
}

extension NativeSafetyJudge {
    public static func load(path: String?) throws(ModelFileError) -> NativeSafetyJudge {
        if let path { return try NativeSafetyJudge(contentsOf: URL(fileURLWithPath: path)) }
        return try builtIn()
    }
}
