extension StringProtocol {
    /// The text without leading and trailing white space (line breaks included). Pure Swift:
    /// Foundation's `trimmingCharacters(in:)` goes through NSString on Linux and was a fifth of
    /// import time and a sixth of scoring time.
    package var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// As `StringProtocol.trimmed`, but returns `self` unchanged (no copy) in the common
    /// already-trimmed case.
    package var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        return self[...].trimmed
    }
}
