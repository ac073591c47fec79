import Foundation
import FulcrumCore

/// Parses one GVS-Bench prompt file (`text_prompt.txt`, `image_prompt.txt`, …).
///
/// Layout: a header line `T-n:` (optionally followed by an attachment file name), then four
/// paragraphs separated by blank lines — Chinese prompt, English prompt, Chinese evaluation focus
/// after `测评重点` and `:`/`：`, English focus after `Evaluation Focus:`.
struct GVSBenchPromptFile {
    struct Block {
        var id: String
        var headerLine: Int
        var attachments: [String]
        var promptZh: String
        var promptEn: String
        var focusZh: String
        var focusEn: String
    }

    let url: URL
    let modality: Modality

    /// The id prefix each modality's file uses.
    static func prefix(of modality: Modality) -> String {
        switch modality {
        case .text: "T"
        case .image: "I"
        case .video: "V"
        case .audio: "A"
        }
    }

    private static var header: Regex<(Substring, Substring, Substring, Substring)> { /^([TIVA])-(\d+)\s*[:：]\s*(.*)$/ }

    func parse() throws -> [Block] {
        let lines = try textLines(of: url)
        var blocks: [Block] = []
        var problems: [LineProblem] = []
        var current: (id: String, line: Int, rest: String, body: [(Int, String)])?
        var seen: [String: Int] = [:]

        func finish() {
            guard let block = current else { return }
            switch Self.block(id: block.id, line: block.line, rest: block.rest, body: block.body) {
            case .success(let parsed): blocks.append(parsed)
            case .failure(let message):
                problems.append(LineProblem(path: url.path, line: block.line, itemID: block.id, message: message))
            }
        }

        for (index, line) in lines.enumerated() {
            let number = index + 1
            if let match = line.wholeMatch(of: Self.header) {
                finish()
                let id = "\(match.1)-\(match.2)"
                if String(match.1) != Self.prefix(of: modality) {
                    problems.append(LineProblem(path: url.path, line: number, itemID: id,
                                                message: "a \(modality.rawValue) prompt file holds only \(Self.prefix(of: modality))- items"))
                }
                if let first = seen[id] {
                    problems.append(LineProblem(path: url.path, line: number, itemID: id, message: "duplicate id (first on line \(first))"))
                }
                seen[id] = seen[id] ?? number
                current = (id, number, String(match.3), [])
            } else if current != nil {
                current!.body.append((number, line))
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(LineProblem(path: url.path, line: number, message: "text before the first item header (expected e.g. 'T-1:')"))
            }
        }
        finish()
        if blocks.isEmpty && problems.isEmpty {
            problems.append(LineProblem(path: url.path, message: "no item headers found (expected lines like '\(Self.prefix(of: modality))-1:')"))
        }
        guard problems.isEmpty else { throw SuiteError.invalid(problems) }
        return blocks
    }

    private enum BlockResult { case success(Block), failure(String) }

    private static var zhFocus: Regex<(Substring, Substring)> { /^测评重点\s*[:：]\s*(.*)$/ }
    private static var enFocus: Regex<(Substring, Substring)> { /^Evaluation Focus\s*[:：]\s*(.*)$/ }

    private static func block(id: String, line: Int, rest: String, body: [(Int, String)]) -> BlockResult {
        var paragraphs: [String] = []
        var buffer: [String] = []
        for (_, text) in body {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                if !buffer.isEmpty { paragraphs.append(buffer.joined(separator: "\n")); buffer = [] }
            } else {
                buffer.append(text.trimmingCharacters(in: .whitespaces))
            }
        }
        if !buffer.isEmpty { paragraphs.append(buffer.joined(separator: "\n")) }
        guard paragraphs.count == 4 else {
            return .failure("expected 4 paragraphs (Chinese prompt, English prompt, 测评重点, Evaluation Focus), found \(paragraphs.count)")
        }
        guard let zh = paragraphs[2].wholeMatch(of: zhFocus.dotMatchesNewlines()) else {
            return .failure("third paragraph must start with '测评重点:' (Chinese evaluation focus)")
        }
        guard let en = paragraphs[3].wholeMatch(of: enFocus.dotMatchesNewlines()) else {
            return .failure("fourth paragraph must start with 'Evaluation Focus:'")
        }
        let focusZh = String(zh.1).trimmingCharacters(in: .whitespacesAndNewlines)
        let focusEn = String(en.1).trimmingCharacters(in: .whitespacesAndNewlines)
        if focusZh.isEmpty || focusEn.isEmpty { return .failure("empty evaluation focus") }
        let attachments = rest.split(whereSeparator: { $0 == "," || $0 == "，" || $0.isWhitespace }).map(String.init)
        return .success(Block(id: id, headerLine: line, attachments: attachments,
                              promptZh: paragraphs[0], promptEn: paragraphs[1], focusZh: focusZh, focusEn: focusEn))
    }
}
