import Foundation
import FulcrumCore

/// Converts the official GVS-Bench release (a folder of prompt files and category maps) into suite items.
///
/// ```swift
/// let result = try GVSBenchImporter().importRelease(at: URL(fileURLWithPath: "../shared/data/gvs-bench"))
/// result.suite.items.count   // 266
/// ```
public struct GVSBenchImporter: Sendable {
    public struct Result: Sendable {
        public var suite: Suite
        /// Non-fatal findings: missing attachments, uncategorised modalities.
        public var warnings: [String]
    }

    /// The file each modality's prompts live in; the video file's double dot is in the original.
    static let promptFiles: [(Modality, [String])] = [
        (.text, ["text_prompt.txt"]),
        (.image, ["image_prompt.txt"]),
        (.video, ["video_prompt..txt", "video_prompt.txt"]),
        (.audio, ["audio_prompt.txt"]),
    ]

    public var scale: GVSScale

    public init(scale: GVSScale = .builtIn) { self.scale = scale }

    /// Reads the release at `directory`. `categoryMap` optionally maps item ids of any modality to
    /// category names or ids (the release maps text items only).
    public func importRelease(at directory: URL, categoryMap: URL? = nil) throws -> Result {
        var warnings: [String] = []
        var problems: [LineProblem] = []
        var blocks: [(Modality, GVSBenchPromptFile.Block, String)] = []
        for (modality, names) in Self.promptFiles {
            guard let name = names.first(where: { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }) else {
                warnings.append("no \(modality.rawValue) prompt file (\(names[0])) in \(directory.path)")
                continue
            }
            do {
                let file = GVSBenchPromptFile(url: directory.appendingPathComponent(name), modality: modality)
                blocks += try file.parse().map { (modality, $0, name) }
            } catch SuiteError.invalid(let found) {
                problems += found
            }
        }
        if blocks.isEmpty && problems.isEmpty {
            throw SuiteError.unreadable(path: directory.path, reason: "no GVS-Bench prompt files (text_prompt.txt, image_prompt.txt, …) in this folder")
        }

        var categories: [String: String] = [:]
        let layerFile = directory.appendingPathComponent("subcategory_layer.json")
        if FileManager.default.fileExists(atPath: layerFile.path) {
            problems += checkLayers(in: layerFile)
        }
        let textMap = directory.appendingPathComponent("text_subcategory.json")
        if FileManager.default.fileExists(atPath: textMap.path) {
            problems += readCategoryMap(textMap, into: &categories)
        } else {
            warnings.append("no text_subcategory.json in \(directory.path): text items stay uncategorised")
        }
        if let categoryMap { problems += readCategoryMap(categoryMap, into: &categories) }
        guard problems.isEmpty else { throw SuiteError.invalid(problems) }

        let known = Set(blocks.map(\.1.id))
        for id in categories.keys.sorted() where !known.contains(id) {
            warnings.append("category map names item \(id), which no prompt file holds")
        }

        var items: [SuiteItem] = []
        for (modality, block, fileName) in blocks {
            let attachments = block.attachments.map { Attachment(path: $0) }
            for attachment in attachments where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(attachment.path).path) {
                warnings.append("item \(block.id): attachment '\(attachment.path)' named in \(fileName) line \(block.headerLine) is not in the release folder")
            }
            items.append(SuiteItem(
                id: block.id, modality: modality, category: categories[block.id],
                prompt: LocalizedText([.zh: block.promptZh, .en: block.promptEn]),
                focus: LocalizedText([.zh: block.focusZh, .en: block.focusEn]),
                attachments: attachments, tags: ["gvs-bench", modality.rawValue],
                source: "GVS-Bench \(fileName):\(block.headerLine)"))
        }
        for modality in Modality.allCases {
            let uncategorised = items.filter { $0.modality == modality && $0.category == nil }.map(\.id)
            guard !uncategorised.isEmpty else { continue }
            let all = items.filter { $0.modality == modality }.count
            if uncategorised.count == all {
                warnings.append("\(all) \(modality.rawValue) items stay uncategorised: the release maps only text items; pass --category-map FILE to categorise them")
            } else {
                warnings.append("\(uncategorised.count) \(modality.rawValue) items have no category: \(uncategorised.joined(separator: ", "))")
            }
        }
        return Result(suite: Suite(name: "gvs-bench", items: items, baseDirectory: directory.path), warnings: warnings)
    }

    /// Reads `{"T-1": "Life Safety and Physical Harm", …}`; names or ids must be in the scale.
    private func readCategoryMap(_ url: URL, into categories: inout [String: String]) -> [LineProblem] {
        let map: [String: String]
        switch decodeJSON([String: String].self, at: url) {
        case .failure(let problem): return [problem]
        case .success(let decoded): map = decoded
        }
        var problems: [LineProblem] = []
        for (id, reference) in map.sorted(by: { $0.key < $1.key }) {
            if let category = scale.resolveCategory(reference) {
                categories[id] = category.id
            } else {
                problems.append(LineProblem(path: url.path, line: lineNumber(of: "\"\(id)\"", in: url), itemID: id,
                                            message: "unknown category '\(reference)' (see `fulcrum taxonomy`)"))
            }
        }
        return problems
    }

    /// Checks `subcategory_layer.json` against the scale: every category known, in the layer the scale says.
    private func checkLayers(in url: URL) -> [LineProblem] {
        switch decodeJSON([String: String].self, at: url) {
        case .failure(let problem): return [problem]
        case .success(let map):
            return map.sorted(by: { $0.key < $1.key }).compactMap { name, layerName in
                let line = lineNumber(of: name, in: url)
                guard let category = scale.category(named: name) else {
                    return LineProblem(path: url.path, line: line, message: "unknown category '\(name)' (see `fulcrum taxonomy`)")
                }
                guard let layer = scale.layer(named: layerName), layer.id == category.layerID else {
                    return LineProblem(path: url.path, line: line,
                                       message: "category '\(name)' is in layer '\(scale.layer(id: category.layerID)?.name ?? "?")' of the scale, not '\(layerName)'")
                }
                return nil
            }
        }
    }

    private func decodeJSON<T: Decodable>(_ type: T.Type, at url: URL) -> Swift.Result<T, LineProblem> {
        do {
            // TextLines names the line of any invalid UTF-8 and drops a byte-order mark.
            let text: TextLines
            do { text = try TextLines(contentsOf: url) } catch { throw SuiteError(error) }
            return .success(try JSONDecoder().decode(T.self, from: Data(text.bytes)))
        } catch SuiteError.invalid(let problems) {
            return .failure(problems[0])
        } catch {
            return .failure(LineProblem(path: url.path, message: "not a JSON object of strings: \(JSONErrorDescription.describe(error))"))
        }
    }

    /// Best-effort line of the first occurrence of `needle`, so an error points at the right place.
    private func lineNumber(of needle: String, in url: URL) -> Int? {
        guard let lines = try? textLines(of: url) else { return nil }
        return lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }
}

