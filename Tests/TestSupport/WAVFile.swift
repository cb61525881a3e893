import Foundation

/// A minimal reader of PCM WAV files (16/24/32-bit integer, plain or extensible header),
/// independent of libav*, so tests can check what the pipeline wrote.
public struct WAVFile: Sendable {
    public var sampleRate: Int
    public var bitsPerSample: Int
    /// Samples per channel, as floats in -1...1.
    public var channels: [[Float]]
    public var frameCount: Int { channels.first?.count ?? 0 }

    public init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        func u32(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 | Int(bytes[o + 2]) << 16 | Int(bytes[o + 3]) << 24 }
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        guard bytes.count >= 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF",
              String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE" else {
            throw CommandFailure(description: "not a RIFF/WAVE file")
        }
        var offset = 12
        var channelCount = 0, rate = 0, bits = 0
        var pcm: ArraySlice<UInt8> = []
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                channelCount = u16(body + 2)
                rate = u32(body + 4)
                bits = u16(body + 14)
            } else if id == "data" {
                pcm = bytes[body..<min(bytes.count, body + size)]
            }
            offset = body + size + (size & 1)
        }
        guard channelCount > 0, bits % 8 == 0 else { throw CommandFailure(description: "no fmt chunk") }
        let width = bits / 8
        let frames = pcm.count / (width * channelCount)
        var out = [[Float]](repeating: [Float](repeating: 0, count: frames), count: channelCount)
        let base = pcm.startIndex
        let scale = Float(1 << (bits - 1))
        for f in 0..<frames {
            for c in 0..<channelCount {
                let o = base + (f * channelCount + c) * width
                var value: Int32 = 0
                for b in 0..<width { value |= Int32(pcm[o + b]) << (8 * (b + 4 - width)) }
                out[c][f] = Float(value >> (8 * (4 - width))) / scale
            }
        }
        sampleRate = rate
        bitsPerSample = bits
        channels = out
    }
}
