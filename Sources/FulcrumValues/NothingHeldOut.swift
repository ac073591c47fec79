/// `--held-out` asked of a model trained on all of its data: there is no held-out part to measure,
/// and an empty table would read as a result.
public struct NothingHeldOut: Error, Sendable, CustomStringConvertible {
    public var model: String

    public var description: String {
        "\(model) was trained on all of its data (test share 0), so nothing is held out; its honest figures come from cross-source folds: run the same command with --cross-source instead of --held-out"
    }
}
