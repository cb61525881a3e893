import CFFmpeg
import Foundation

/// A libavformat custom I/O context that pulls its bytes from a `ByteSource`.
final class StreamInput {
    private(set) var context: UnsafeMutablePointer<AVIOContext>?
    private let source: ByteSource
    private var chunk = Data()
    private var offset = 0
    private var ended = false
    /// What the source threw, if it did.
    private(set) var failure: String?

    init(_ source: ByteSource) throws(MediaError) {
        self.source = source
        let size = 1 << 16
        guard let buffer = av_malloc(size)?.assumingMemoryBound(to: UInt8.self) else {
            throw .internal("av_malloc", "out of memory")
        }
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        guard let context = avio_alloc_context(buffer, Int32(size), 0, opaque, { opaque, buffer, size in
            guard let opaque, let buffer else { return shim_AVERROR_EOF() }
            return Unmanaged<StreamInput>.fromOpaque(opaque).takeUnretainedValue().read(into: buffer, size: Int(size))
        }, nil, nil) else {
            var owned: UnsafeMutablePointer<UInt8>? = buffer
            av_freep(&owned)
            throw .internal("avio_alloc_context", "out of memory")
        }
        self.context = context
    }

    deinit {
        if let context {
            var buffer: UnsafeMutablePointer<UInt8>? = context.pointee.buffer
            av_freep(&buffer)
        }
        avio_context_free(&context)
    }

    private func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int) -> Int32 {
        while offset >= chunk.count {
            if ended { return shim_AVERROR_EOF() }
            do {
                guard let next = try source.nextChunk() else {
                    ended = true
                    return shim_AVERROR_EOF()
                }
                chunk = next
                offset = 0
            } catch {
                failure = "\(error)"
                ended = true
                return shim_AVERROR(EIO)
            }
        }
        let count = min(size, chunk.count - offset)
        chunk.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            buffer.update(from: base.assumingMemoryBound(to: UInt8.self) + offset, count: count)
        }
        offset += count
        return Int32(count)
    }
}
