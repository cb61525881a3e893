import CFFmpeg

/// Copies planar float stereo into an AVFrame's planes in the encoder's sample format.
enum SampleConversion {
    static func fill(_ planes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, format: AVSampleFormat,
                     left: [Float], right: [Float], from offset: Int, count: Int) {
        switch format {
        case AV_SAMPLE_FMT_FLTP:
            for (channel, source) in [left, right].enumerated() {
                guard let plane = planes[channel] else { continue }
                let dest = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
                source.withUnsafeBufferPointer { src in
                    guard let base = src.baseAddress else { return }
                    dest.update(from: base + offset, count: count)
                }
            }
        case AV_SAMPLE_FMT_S32:
            // Packed 32-bit integers; pcm_s24le keeps the top 24 bits.
            guard let plane = planes[0] else { return }
            let dest = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Int32.self)
            for i in 0..<count {
                dest[2 * i] = toInt24(left[offset + i]) << 8
                dest[2 * i + 1] = toInt24(right[offset + i]) << 8
            }
        case AV_SAMPLE_FMT_S16:
            guard let plane = planes[0] else { return }
            let dest = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Int16.self)
            for i in 0..<count {
                dest[2 * i] = Int16(clamping: Int32((clip(left[offset + i]) * 32767).rounded()))
                dest[2 * i + 1] = Int16(clamping: Int32((clip(right[offset + i]) * 32767).rounded()))
            }
        case AV_SAMPLE_FMT_FLT:
            guard let plane = planes[0] else { return }
            let dest = UnsafeMutableRawPointer(plane).assumingMemoryBound(to: Float.self)
            for i in 0..<count {
                dest[2 * i] = left[offset + i]
                dest[2 * i + 1] = right[offset + i]
            }
        default:
            preconditionFailure("unsupported encoder sample format \(format.rawValue)")
        }
    }

    /// A float sample as a 24-bit integer, clipped to full scale.
    @inline(__always) static func toInt24(_ x: Float) -> Int32 {
        Int32((clip(x) * 8_388_607).rounded())
    }

    @inline(__always) static func clip(_ x: Float) -> Float { x.isNaN ? 0 : min(1, max(-1, x)) }
}
