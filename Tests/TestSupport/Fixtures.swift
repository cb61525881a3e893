import Foundation

/// Test inputs made with ffmpeg's lavfi sources: nothing is committed.
public enum Fixtures {
    /// A TikTok-like MP4: H.264 video and AAC stereo at 44.1 kHz, a 440/660 Hz tone pair.
    public static func tiktokMP4(_ path: String, seconds: Double = 5) throws {
        try Command.ffmpeg([
            "-f", "lavfi", "-i", "testsrc=size=160x284:rate=15",
            "-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*440*t)|0.4*sin(2*PI*660*t):s=44100:d=\(seconds)",
            "-t", "\(seconds)", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k", "-shortest", path,
        ])
    }

    /// An audio file from an `aevalsrc` expression, encoded by `codecArguments`.
    public static func audio(_ path: String, expression: String, rate: Int, seconds: Double,
                             layout: String? = nil, codecArguments: [String]) throws {
        var source = "aevalsrc=\(expression):s=\(rate):d=\(seconds)"
        if let layout { source += ":c=\(layout)" }
        try Command.ffmpeg(["-f", "lavfi", "-i", source] + codecArguments + [path])
    }

    /// How many 48 kHz stereo frames ffmpeg's own decode and resample of `path` gives.
    public static func referenceFrameCount(_ path: String) throws -> Int {
        let result = try Command.run("sh", ["-c", "ffmpeg -v error -nostdin -i \"$0\" -vn -ac 2 -ar 48000 -f f32le - | wc -c", path])
        guard let bytes = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CommandFailure(description: "ffmpeg reference decode failed: \(result.stderr)")
        }
        return bytes / 8
    }

    /// Writes `count` pseudo-random bytes from a fixed seed.
    public static func randomBytes(_ path: String, count: Int, seed: UInt64 = 42) throws {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Overwrites `length` bytes at each fraction of the file with pseudo-random bytes.
    public static func damage(_ path: String, at fractions: [Double], length: Int) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        var state: UInt64 = 7
        for fraction in fractions {
            let start = Int(Double(data.count) * fraction)
            for i in start..<min(data.count, start + length) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                data[i] = UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Keeps only the first `fraction` of a file.
    public static func truncate(_ path: String, to fraction: Double) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: path))
    }
}
