import Foundation

/// Whether the end-to-end suites must run. With `REQUIRE_E2E=1` (CI sets it) a suite that needs
/// a program the machine lacks (tmux, PulseAudio, ffmpeg) runs anyway and fails, instead of
/// skipping: a green run with the end-to-end suites skipped proves nothing.
public enum EndToEnd {
    /// `REQUIRE_E2E=1` in the environment.
    public static var required: Bool { ProcessInfo.processInfo.environment["REQUIRE_E2E"] == "1" }

    /// Whether a suite that needs `available` runs: when it is there, or when it is required.
    public static func runs(_ available: Bool) -> Bool { available || required }

    /// The first executable called `name` on `PATH`, or nil.
    public static func executable(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
