import Foundation

/// A horizontal bar chart as inline SVG, with optional confidence-interval whiskers.
///
/// ```swift
/// let chart = BarChart(bars: [.init(label: "Privacy", value: 0.31, lower: 0.27, upper: 0.35)],
///                      maximum: 1, valueFormat: { String(format: "%.0f%%", $0 * 100) })
/// let svg = chart.svg()   // labels are escaped
/// ```
public struct BarChart: Sendable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// CI bounds; a whisker is drawn when both are present.
        public var lower: Double?
        public var upper: Double?

        public init(label: String, value: Double, lower: Double? = nil, upper: Double? = nil) {
            self.label = label
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    public var bars: [Bar]
    /// Right end of the axis; by default the largest value or upper bound.
    public var maximum: Double?
    public var valueFormat: @Sendable (Double) -> String
    public var labelWidth: Int
    public var plotWidth: Int
    public var barHeight: Int
    public var color: String

    public init(bars: [Bar], maximum: Double? = nil,
                valueFormat: @escaping @Sendable (Double) -> String = { String(format: "%.3g", $0) },
                labelWidth: Int = 300, plotWidth: Int = 420, barHeight: Int = 22, color: String = "#4a74c9") {
        self.bars = bars
        self.maximum = maximum
        self.valueFormat = valueFormat
        self.labelWidth = labelWidth
        self.plotWidth = plotWidth
        self.barHeight = barHeight
        self.color = color
    }

    public func svg() -> String {
        let top = max(maximum ?? 0, bars.map { max($0.value, $0.upper ?? 0) }.max() ?? 0)
        let scale = top > 0 ? Double(plotWidth) / top : 0
        let valueColumn = 90
        let width = labelWidth + plotWidth + valueColumn
        let height = max(1, bars.count) * barHeight + 8
        func x(_ v: Double) -> String { String(format: "%.1f", Double(labelWidth) + max(0, v) * scale) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        for (i, bar) in bars.enumerated() {
            let y = i * barHeight + 4
            let mid = y + barHeight / 2
            let label = HTML.escape(bar.label)
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(mid + 4)\" text-anchor=\"end\">\(label)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\(quote(String(format: "%.1f", max(0, bar.value) * scale))) "
                + "height=\"\(barHeight - 6)\" fill=\"\(HTML.escape(color))\"><title>\(label): "
                + "\(HTML.escape(valueFormat(bar.value)))</title></rect>"
            if let lower = bar.lower, let upper = bar.upper {
                let l = x(lower), u = x(upper)
                svg += "<line x1=\"\(l)\" x2=\"\(u)\" y1=\"\(mid)\" y2=\"\(mid)\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>"
                svg += "<line x1=\"\(l)\" x2=\"\(l)\" y1=\"\(mid - 5)\" y2=\"\(mid + 5)\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>"
                svg += "<line x1=\"\(u)\" x2=\"\(u)\" y1=\"\(mid - 5)\" y2=\"\(mid + 5)\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>"
            }
            svg += "<text x=\"\(labelWidth + plotWidth + 6)\" y=\"\(mid + 4)\">\(HTML.escape(valueFormat(bar.value)))</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func quote(_ s: String) -> String { "\"\(s)\"" }
}
