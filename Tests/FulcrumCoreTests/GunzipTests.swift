import Foundation
import Testing
@testable import FulcrumCore

/// Gzipped data files read like plain ones, through the same readers; a damaged one is an error
/// that names the file, never a shortened text.
struct GunzipTests {
    /// A spreadsheet-style CSV (byte-order mark, CRLF, a quoted comma), gzipped by Python's `gzip`
    /// module (mtime 0): the text is `plain`.
    static let gzipped: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xFF, 0x5D, 0xCC, 0x31, 0x0E, 0xC2, 0x30, 0x0C, 0x46, 0xE1, 0xBD,
        0x52, 0xEF, 0xF0, 0x2B, 0xB3, 0x41, 0x70, 0x02, 0x56, 0x18, 0x98, 0x19, 0x50, 0x07, 0x57, 0x75, 0xD4, 0xD0, 0x12, 0x0B,
        0x27, 0x51, 0xE0, 0x6C, 0x0C, 0x1C, 0x89, 0x2B, 0x90, 0x99, 0xF9, 0xE9, 0x7B, 0xDF, 0xF7, 0xE7, 0x51, 0x24, 0xE5, 0xA0,
        0x91, 0x38, 0xA6, 0x2A, 0x46, 0x33, 0xDB, 0xDD, 0x97, 0xB5, 0xEF, 0xDC, 0x51, 0x2B, 0x26, 0xC5, 0x09, 0x23, 0x2F, 0x82,
        0xD1, 0x84, 0xA7, 0x83, 0x23, 0x77, 0x0E, 0x4F, 0xF8, 0x55, 0x8B, 0x11, 0x2A, 0xE7, 0x26, 0xF0, 0x12, 0x4E, 0x79, 0xEB,
        0x68, 0xD7, 0xD0, 0xC5, 0x42, 0x16, 0x30, 0xE6, 0x96, 0xDA, 0x06, 0x37, 0x5D, 0xA4, 0xA1, 0x6B, 0xCA, 0x1C, 0xA7, 0x4D,
        0x88, 0xF0, 0x6A, 0x7F, 0x79, 0x70, 0xB4, 0xEF, 0xBB, 0x1F, 0x9A, 0x82, 0x39, 0xFE, 0x8B, 0x00, 0x00, 0x00,
    ]
    static let plain = "\u{FEFF}question,answer,harmful\r\n\"How do I bake bread?\",\"Mix flour, water, yeast.\",0\r\n\"Write a hateful joke\",\"[stand-in for a hateful joke]\",1\r\n"

    func file(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fulcrum-gunzip-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func decompressesAndReadsLikeThePlainFile() throws {
        #expect(try Gunzip.decompress(Data(Self.gzipped)) == Data(Self.plain.utf8))
        let gz = try CSVReader.read(try file(Self.gzipped, "labelled.csv.gz"))
        let csv = try CSVReader.read(try file(Array(Self.plain.utf8), "labelled.csv"))
        #expect(gz.map(\.fields) == csv.map(\.fields) && gz.map(\.line) == csv.map(\.line))
        #expect(gz.map(\.fields)[1] == ["How do I bake bread?", "Mix flour, water, yeast.", "0"])
        // Recognised by its magic number too, whatever the name.
        let text = try TextLines(contentsOf: try file(Self.gzipped, "renamed.txt"))
        #expect(text.lines.count == 3 && text.string(text.lines[0]) == "question,answer,harmful")
    }

    @Test func concatenatedMembersAreReadInFull() throws {
        #expect(try Gunzip.decompress(Data(Self.gzipped + Self.gzipped)) == Data((Self.plain + Self.plain).utf8))
    }

    @Test func aDamagedFileIsAnErrorNamingIt() throws {
        let truncated = try file(Array(Self.gzipped.dropLast(12)), "cut.csv.gz")
        #expect(throws: FileReadError.unreadable(path: truncated.path, reason: "the gzip stream ends early (truncated file?)")) {
            _ = try CSVReader.read(truncated)
        }
        var flipped = Self.gzipped
        flipped[20] ^= 0xFF
        let corrupt = try file(flipped, "corrupt.jsonl.gz")
        #expect {
            _ = try TextLines(contentsOf: corrupt)
        } throws: { error in
            guard case FileReadError.unreadable(let path, let reason)? = error as? FileReadError else { return false }
            return path == corrupt.path && (reason.hasPrefix("not a valid gzip stream") || reason.contains("ends early"))
        }
        let notGzip = try file(Array("plain text".utf8), "named.gz")
        #expect(throws: FileReadError.self) { _ = try TextLines(contentsOf: notGzip) }
    }

    /// The published moderation samples, as they ship: 1,680 JSON lines.
    @Test func thePublishedModerationSamplesRead() throws {
        let url = SharedData.url("safety/openai-moderation/samples-1680.jsonl.gz")
        let records = try JSONLinesReader.objects(url)
        #expect(records.count == 1680 && records.allSatisfy { $0.object?["prompt"] is String })
    }
}
