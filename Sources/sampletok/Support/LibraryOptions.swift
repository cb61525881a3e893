import ArgumentParser
import Engine
import Foundation

/// Options of every command that uses the library.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The library folder.",
                                            discussion: "Default: $SAMPLETOK_HOME, else $XDG_DATA_HOME/sampletok, else ~/.local/share/sampletok.",
                                            valueName: "dir"))
    var home: String?

    @Option(name: .long, help: "Pipeline workers (default: the number of cores).")
    var workers: Int?

    func validate() throws {
        if let workers, !(1...64).contains(workers) { throw ValidationError("--workers must be between 1 and 64.") }
    }

    /// The engine configuration: these flags over the environment over the defaults.
    var configuration: EngineConfiguration {
        var configuration = EngineConfiguration()
        if let home { configuration.home = URL(fileURLWithPath: home) }
        if let workers { configuration.workers = workers }
        return configuration
    }
}
