import ArgumentParser
import Foundation
import Media
import Model

/// Turns a `MediaError` into a message on stderr and an exit code from sysexits.h.
enum CommandError {
    /// Runs `body`; on a `MediaError` prints `error: CODE: message` and exits non-zero.
    static func run<T>(_ body: () throws(MediaError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.code): \(error.message)\n".utf8))
            throw ExitCode(exitCode(for: error.code))
        }
    }

    /// 66 for a missing input, 73 for an output that cannot be created, 70 for internal
    /// failures, 69 for a server that cannot be reached, 65 for bad input data.
    static func exitCode(for code: String) -> Int32 {
        switch code {
        case ErrorCode.mediaNotFound: return 66
        case ErrorCode.outputUnwritable: return 73
        case ErrorCode.mediaInternal: return 70
        case ErrorCode.remoteUnreachable, ErrorCode.remoteTimeout: return 69
        default: return 65
        }
    }
}
