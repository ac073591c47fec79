/// What kind of content a benchmark item asks a model to produce or work with.
public enum Modality: String, Codable, Sendable, CaseIterable, Hashable {
    case text, image, video, audio
}
