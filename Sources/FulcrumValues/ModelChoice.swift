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
    /// A named file is named in the judge's identifier too, unless it is byte for byte the built-in
    /// model: its calibrations must never be taken for the shipped model's, which has the same version.
    public static func load(path: String?) throws(ModelFileError) -> NativeSafetyJudge {
        guard let path else { return try builtIn() }
        let url = URL(fileURLWithPath: path)
        var judge = try NativeSafetyJudge(contentsOf: url)
        if (try? Data(contentsOf: url)) != (try? Data(contentsOf: ModelFile.builtIn(resourceName))) { judge.variant = url.lastPathComponent }
        return judge
    }
}
