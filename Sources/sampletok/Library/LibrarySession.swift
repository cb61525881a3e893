import ArgumentParser
import Client
import EmbeddedClient
import Engine
import Foundation
import Media
import Model

/// Opens the library for one command (importing the demo loops on a new library), runs the
/// command's body, closes it, and turns `SampleTokError`s into a message and an exit code.
enum LibrarySession {
    static func run<T: Sendable>(_ options: LibraryOptions, demo: Bool = true,
                                 _ body: @Sendable (Library) async throws -> T) async throws -> T {
        MediaLog.configure(level: ProcessInfo.processInfo.environment["SAMPLETOK_AV_LOG"])
        let library: Library
        do {
            library = try await Library.open(options.configuration)
        } catch {
            throw fail(error)
        }
        do {
            if demo, let folder = Assets.demoFolder {
                announceDemo(try await library.samples.importDemoIfNew(from: folder), options.configuration)
            }
            let result = try await body(library)
            await library.close()
            return result
        } catch {
            await library.close()
            throw fail(error)
        }
    }

    /// Tells that a new library got `count` demo loops and starts a background worker for them.
    static func announceDemo(_ count: Int, _ configuration: EngineConfiguration) {
        guard count > 0 else { return }
        FileHandle.standardError.write(Data("A new library: the demo loops were added and are being processed in the background (`sampletok jobs`).\n".utf8))
        BackgroundWorker.spawn(configuration)
    }

    /// Prints an error as `error: CODE: message` and gives the exit status to use.
    static func fail(_ error: any Error) -> any Error {
        if error is ExitCode || error is ValidationError || error is CleanExit { return error }
        let (code, message): (String, String)
        if let known = SampleTokError.library(error) {
            (code, message) = (known.code, known.message)
        } else if let error = error as? MediaError {
            (code, message) = (error.code, error.message)
        } else {
            (code, message) = ("library.failed", "\(error)")
        }
        FileHandle.standardError.write(Data("error: \(code): \(message)\n".utf8))
        return ExitCode(CommandError.exitCode(for: code))
    }
}
