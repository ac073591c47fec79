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
        let data = try ModelFile.contents(of: url)
        var judge = try NativeSafetyJudge(model: ModelFile.load(data, from: url, expectedKind: modelKind))
        if data != (try? ModelFile.contents(of: ModelFile.builtIn(resourceName))) { judge.variant = url.lastPathComponent }
        return judge
    }
}
