import Foundation
import FulcrumCore

/// A radar chart of value profiles as a standalone SVG string: one axis per Schwartz value (in
/// circle order, so neighbours on Schwartz's circle are neighbours on the chart), radius from −1
/// (centre) to +1 (rim). Every piece of text is XML-escaped: model names come from users.
public enum RadarChart {
    public static func svg(_ series: [(name: String, vector: ValueVector)], size: Double = 420) -> String {
        let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]
        let c = size / 2, radius = size * 0.34
        let axes = SchwartzValue.circle
        func point(_ k: Int, _ v: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(k) / Double(axes.count)
            let r = radius * (min(1, max(-1, v)) + 1) / 2
            return (c + r * cos(angle), c + r * sin(angle))
        }
        func f(_ x: Double) -> String { String(format: "%.1f", x) }
        let legendHeight = Double(series.count) * 18 + 10
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(size))\" height=\"\(f(size + legendHeight))\" "
            + "viewBox=\"0 0 \(f(size)) \(f(size + legendHeight))\" role=\"img\" aria-label=\"Value profiles\">\n"
        for level in [-0.5, 0.0, 0.5, 1.0] {
            let pts = axes.indices.map { point($0, level) }.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            out += "<polygon points=\"\(pts)\" fill=\"none\" stroke=\"#ccc\" stroke-width=\"\(level == 0 ? 1.5 : 0.7)\"/>\n"
        }
        for (k, value) in axes.enumerated() {
            let (x, y) = point(k, 1)
            out += "<line x1=\"\(f(c))\" y1=\"\(f(c))\" x2=\"\(f(x))\" y2=\"\(f(y))\" stroke=\"#ddd\"/>\n"
            let (lx, ly) = point(k, 1.22)
            out += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" font-size=\"11\" text-anchor=\"middle\" font-family=\"sans-serif\">\(HTML.xml(value.displayName))</text>\n"
        }
        for (i, s) in series.enumerated() {
            let color = palette[i % palette.count]
            let pts = axes.enumerated().map { point($0.offset, s.vector[$0.element]) }.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            out += "<polygon points=\"\(pts)\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(HTML.xml(s.name))</title></polygon>\n"
            let y = size + 14 + Double(i) * 18
            out += "<rect x=\"10\" y=\"\(f(y - 10))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
                + "<text x=\"28\" y=\"\(f(y))\" font-size=\"12\" font-family=\"sans-serif\">\(HTML.xml(s.name))</text>\n"
        }
        return out + "</svg>\n"
    }
}
