extension String {
    /// The string without leading and trailing whitespace or newlines. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and was a fifth of import time;
    /// this returns `self` unchanged (no copy) in the common already-trimmed case.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end && scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start && scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
