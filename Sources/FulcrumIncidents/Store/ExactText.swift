import Foundation
import GRDB

/// Reading free text exactly as stored. GRDB decodes a TEXT value up to its first NUL character,
/// but imported text may hold one and is stored whole (`BulkInsert` binds byte counts), so the
/// free-text columns are selected as BLOB and decoded as UTF-8 here: an export or a search result
/// never shows a description cut short.
enum ExactText {
    /// `CAST(column AS BLOB) AS column`, optionally qualified by a table alias.
    static func select(_ column: String, of table: String? = nil) -> String {
        "CAST(\(table.map { "\($0)." } ?? "")\(column) AS BLOB) AS \(column)"
    }
}

extension Row {
    /// The column selected through `ExactText.select`, decoded as UTF-8 (NUL characters kept).
    func exactText(_ column: String) -> String {
        String(decoding: (self[column] as Data?) ?? Data(), as: UTF8.self)
    }
}
