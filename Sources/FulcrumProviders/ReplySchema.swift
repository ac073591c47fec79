import FulcrumCore

/// A `JSONReplyShape` as the JSON Schema providers are sent: an object of required string fields,
/// nothing else allowed.
struct ReplySchema: Encodable {
    struct Property: Encodable {
        var type = "string"
        var maxLength: Int?
    }

    var type = "object"
    var properties: [String: Property]
    var required: [String]
    var additionalProperties = false

    /// - Parameter lengthLimits: false where the provider rejects `maxLength` (OpenAI's strict mode).
    init(_ shape: JSONReplyShape, lengthLimits: Bool) {
        let property = Property(maxLength: lengthLimits ? shape.maxLength : nil)
        properties = Dictionary(uniqueKeysWithValues: shape.fields.map { ($0, property) })
        required = shape.fields
    }
}
