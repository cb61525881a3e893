import CFFmpeg
import Foundation

/// Content hashes of files through libavutil's hash API, for recognising a file imported twice.
public enum FileHasher {
    /// The SHA-256 of the file at `path`, as lowercase hex.
    public static func sha256(path: String) throws(MediaError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .notFound(path) }
        defer { try? handle.close() }
        var context: OpaquePointer?
        guard av_hash_alloc(&context, "SHA256") >= 0, let context else { throw .internal("av_hash_alloc", "SHA256 missing") }
        var ctx: OpaquePointer? = context
        defer { av_hash_freep(&ctx) }
        av_hash_init(context)
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw .unreadable(path, "\(error)") }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { raw in
                av_hash_update(context, raw.bindMemory(to: UInt8.self).baseAddress, chunk.count)
            }
        }
        var digest = [UInt8](repeating: 0, count: Int(av_hash_get_size(context)))
        av_hash_final(context, &digest)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension FileHasher {
    /// The SHA-256 of `bytes`, as lowercase hex (for API tokens, which are stored hashed).
    public static func sha256(bytes: some Collection<UInt8>) throws(MediaError) -> String {
        var context: OpaquePointer?
        guard av_hash_alloc(&context, "SHA256") >= 0, let context else { throw .internal("av_hash_alloc", "SHA256 missing") }
        var ctx: OpaquePointer? = context
        defer { av_hash_freep(&ctx) }
        av_hash_init(context)
        let array = Array(bytes)
        array.withUnsafeBufferPointer { buffer in
            av_hash_update(context, buffer.baseAddress, buffer.count)
        }
        var digest = [UInt8](repeating: 0, count: Int(av_hash_get_size(context)))
        av_hash_final(context, &digest)
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
