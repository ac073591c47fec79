import CZlib
import Foundation

/// Gzip decompression, so every text reader takes a data file as it is published (`….jsonl.gz`).
package enum Gunzip {
    /// The gzip magic number (RFC 1952); no UTF-8 text starts with it.
    package static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The whole content; concatenated members (as `cat a.gz b.gz` makes) are read one after another.
    /// A truncated or corrupt stream is an error, never a silently shortened text.
    package static func decompress(_ data: Data) throws(FileReadError.Reason) -> Data {
        var stream = z_stream()
        // 15 window bits + 32: accept the gzip (or zlib) header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileReadError.Reason("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var out = Data()
        var status = Z_OK
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                buffer.withUnsafeMutableBufferPointer { b in
                    stream.next_out = b.baseAddress
                    stream.avail_out = uInt(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                out.append(buffer, count: chunk - Int(stream.avail_out))
                if status == Z_STREAM_END, stream.avail_in > 0 {
                    status = inflateReset(&stream)
                    guard status == Z_OK else { return }
                    continue
                }
                // Z_BUF_ERROR with input left means no progress; with none left, the stream ended early.
                if status != Z_OK || stream.avail_in == 0 && stream.avail_out > 0 { return }
            }
        }
        switch status {
        case Z_STREAM_END: return out
        case Z_OK, Z_BUF_ERROR: throw FileReadError.Reason("the gzip stream ends early (truncated file?)")
        default: throw FileReadError.Reason("not a valid gzip stream (\(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"))")
        }
    }
}
