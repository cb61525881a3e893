import ArgumentParser
import Foundation
import Playback

/// The PulseAudio output of the commands that play (`play`, `bench playback`).
enum AudioDevice {
    /// Opens the default PulseAudio output; without one, prints why and exits with 69 (unavailable).
    static func open() throws -> PulseOutput {
        do {
            return try PulseOutput()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(69)
        }
    }
}
