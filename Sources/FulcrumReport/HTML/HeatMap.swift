import Foundation

/// A grid of coloured cells as inline SVG (rows × columns, e.g. model × category), red for low and
/// green for high values; empty cells are grey and marked n/a.
///
/// ```swift
/// HeatMap(rows: ["gpt-4o"], columns: ["life-safety"], values: [[7.5]], range: 0...10).svg()
/// ```
public struct HeatMap: Sendable {
    public var rows: [String]
    public var columns: [String]
    /// `values[row][column]`; nil is n/a.
    public var values: [[Double?]]
    public var range: ClosedRange<Double>
    public var cellWidth = 64
    public var cellHeight = 28
    public var rowLabelWidth = 220
    public var columnLabelHeight = 150

    public init(rows: [String], columns: [String], values: [[Double?]], range: ClosedRange<Double>) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.range = range
    }

    public func svg() -> String {
        let width = rowLabelWidth + columns.count * cellWidth + 10
        let height = columnLabelHeight + rows.count * cellHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
        for (c, column) in columns.enumerated() {
            let x = rowLabelWidth + c * cellWidth + cellWidth / 2
            svg += "<text transform=\"translate(\(x),\(columnLabelHeight - 6)) rotate(-50)\">\(HTML.escape(column))</text>"
        }
        for (r, row) in rows.enumerated() {
            let y = columnLabelHeight + r * cellHeight
            svg += "<text x=\"\(rowLabelWidth - 6)\" y=\"\(y + cellHeight / 2 + 4)\" text-anchor=\"end\">\(HTML.escape(row))</text>"
            for (c, column) in columns.enumerated() {
                let x = rowLabelWidth + c * cellWidth
                let value = r < values.count && c < values[r].count ? values[r][c] : nil
                let label = value.map { String(format: "%.1f", $0) } ?? "n/a"
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellWidth - 2)\" height=\"\(cellHeight - 2)\" fill=\"\(color(value))\">"
                svg += "<title>\(HTML.escape(row)) · \(HTML.escape(column)): \(label)</title></rect>"
                svg += "<text x=\"\(x + cellWidth / 2 - 1)\" y=\"\(y + cellHeight / 2 + 3)\" text-anchor=\"middle\">\(label)</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Red (low) through yellow to green (high) in HSL; grey for n/a.
    func color(_ value: Double?) -> String {
        guard let value else { return "#d9dce2" }
        let t = min(1, max(0, (value - range.lowerBound) / (range.upperBound - range.lowerBound)))
        return String(format: "hsl(%.0f,70%%,72%%)", t * 120)
    }
}
