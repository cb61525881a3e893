import Foundation

/// The Xing/Info header and LAME tag of an MP3: frame count, encoder delay and padding.
public struct MP3Header: Sendable {
    public var frames: Int
    public var delay: Int
    public var padding: Int
    /// The exact length the header declares, in samples: frames × 1152 − delay − padding.
    public var declaredSamples: Int { frames * 1152 - delay - padding }

    public init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(16384))
        func find(_ tag: String) -> Int? {
            let t = Array(tag.utf8)
            guard bytes.count > t.count else { return nil }
            return (0..<(bytes.count - t.count)).first { Array(bytes[$0..<$0 + t.count]) == t }
        }
        guard let start = find("Info") ?? find("Xing") else { throw CommandFailure(description: "no Xing/Info header") }
        func u32(_ o: Int) -> Int { Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]) }
        let flags = u32(start + 4)
        var offset = start + 8
        guard flags & 1 != 0 else { throw CommandFailure(description: "Xing header without a frame count") }
        frames = u32(offset)
        offset += 4
        if flags & 2 != 0 { offset += 4 }
        if flags & 4 != 0 { offset += 100 }
        if flags & 8 != 0 { offset += 4 }
        // LAME tag: 9 bytes of encoder name, then delay and padding (12 bits each) at +21.
        delay = Int(bytes[offset + 21]) << 4 | Int(bytes[offset + 22]) >> 4
        padding = (Int(bytes[offset + 22]) & 0x0F) << 8 | Int(bytes[offset + 23])
    }
}
