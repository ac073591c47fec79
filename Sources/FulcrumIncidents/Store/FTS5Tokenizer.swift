import Foundation
import GRDB
import GRDBSQLite

/// An instance of one of FTS5's registered tokenizers, used outside any query to find where the
/// tokens of a text are, exactly as the index counted them (same tokenizer, same options).
final class FTS5Tokenizer: @unchecked Sendable {
    private var tokenizer: fts5_tokenizer
    private let instance: OpaquePointer

    /// `name` and `arguments` as in a `tokenize=` option, e.g. `unicode61` with `remove_diacritics 2`.
    init(_ db: Database, name: String, arguments: [String]) throws {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        var context: UnsafeMutableRawPointer?
        var tokenizer = fts5_tokenizer()
        var code = api.pointee.xFindTokenizer!(api, name, &context, &tokenizer)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "no FTS5 tokenizer named \(name)")
        }
        var instance: OpaquePointer?
        let cStrings = arguments.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        var argv = cStrings.map { UnsafePointer($0) }
        code = argv.withUnsafeMutableBufferPointer { buffer in
            tokenizer.xCreate!(context, buffer.baseAddress, Int32(buffer.count), &instance)
        }
        guard code == SQLITE_OK, let instance else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot create FTS5 tokenizer \(name)")
        }
        self.tokenizer = tokenizer
        self.instance = instance
    }

    deinit { tokenizer.xDelete!(instance) }

    /// The byte range of each token of `text`, in order: token offset n is `ranges[n]`.
    func tokenRanges(_ text: String) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var text = text
        text.withUTF8 { utf8 in
            withUnsafeMutablePointer(to: &ranges) { output in
                _ = utf8.withMemoryRebound(to: CChar.self) { bytes in
                    tokenizer.xTokenize!(instance, output, FTS5_TOKENIZE_DOCUMENT, bytes.baseAddress, Int32(bytes.count)) {
                        context, flags, _, _, start, end in
                        // Colocated tokens (synonyms) share their predecessor's offset.
                        if flags & FTS5_TOKEN_COLOCATED == 0 {
                            context!.assumingMemoryBound(to: [Range<Int>].self).pointee.append(Int(start)..<Int(end))
                        }
                        return SQLITE_OK
                    }
                }
            }
        }
        return ranges
    }
}
