import ArgumentParser
import Engine
import Foundation
import Server

/// The options of `sampletok --serve`.
struct ServeOptions: ParsableArguments {
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8000
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
        try library.validate()
    }
}
