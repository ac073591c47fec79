/// Which of the two calibrations shipped with the built-in safety judge reports use for it when the
/// result database holds none of that judge.
public enum ShippedCalibration: String, Sendable, CaseIterable {
    /// Its error with each whole data set held out: right for a suite, which is a data set the judge
    /// never saw (the default).
    case transfer
    /// Its error on new answering models to its own data sets' questions: right only for a suite drawn
    /// from Do-Not-Answer, GPTFuzz, latent-jailbreak or the moderation samples.
    case within

    var resourceName: String {
        switch self {
        case .transfer: "safety-calibration-transfer"
        case .within: "safety-calibration"
        }
    }
}
