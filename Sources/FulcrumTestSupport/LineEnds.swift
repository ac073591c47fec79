import Foundation

/// Copies of real files as Windows tools and spreadsheets save them (CRLF line ends, a UTF-8
/// byte-order mark, or both), so every reader is tested on them.
public enum LineEnds: String, CaseIterable, Sendable {
    case crlf, bom, crlfAndBOM

    /// `data` with each LF not already after a CR written as CRLF, and/or a byte-order mark in front.
    public func apply(_ data: Data) -> Data {
        var out: [UInt8] = self == .crlf ? [] : [0xEF, 0xBB, 0xBF]
        var previous: UInt8 = 0
        for byte in data {
            if byte == 0x0A && previous != 0x0D && self != .bom { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return Data(out)
    }

    /// Writes converted copies of `files` (paths relative to `root`) under a new temporary folder,
    /// which is returned.
    public func copy(_ files: [String], from root: URL) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-\(rawValue)-\(UUID().uuidString)")
        for file in files {
            let target = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try apply(Data(contentsOf: root.appendingPathComponent(file))).write(to: target)
        }
        return folder
    }

    /// Every file under `folder` whose name ends with one of `suffixes`, relative to `folder`.
    public static func files(in folder: URL, endingWith suffixes: [String]) -> [String] {
        let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return all.filter { name in suffixes.contains { name.hasSuffix($0) } }.sorted()
    }
}
