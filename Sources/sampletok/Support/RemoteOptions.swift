import ArgumentParser
import Foundation

/// `--remote URL --token T`: a server to use instead of the local library. One type shared by
/// the root command (the terminal app) and the library commands (through `ClientOptions`), so
/// the values the root parses reach the subcommand too.
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A SampleTok server to use instead of the local library.",
                               discussion: "Default: $SAMPLETOK_REMOTE. E.g. http://127.0.0.1:8000.", valueName: "url"))
    var remote: String?

    @Option(help: ArgumentHelp("The bearer token for --remote (default: $SAMPLETOK_TOKEN).", valueName: "token"))
    var token: String?

    /// The checks that involve the local library's options too.
    func validate(with library: LibraryOptions) throws {
        try library.validate()
        if remote != nil, library.home != nil || library.workers != nil {
            throw ValidationError("--home and --workers are for the local library; with --remote the server has its own.")
        }
        if token != nil, url(home: library.home) == nil { throw ValidationError("--token needs --remote (or $SAMPLETOK_REMOTE).") }
        if let remote, remote.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--remote needs a server URL.") }
    }

    /// The server to use: `--remote`, else `$SAMPLETOK_REMOTE` (unless `--home` names a local
    /// library), else nil for the local library.
    func url(home: String?) -> String? {
        if let remote { return remote }
        guard home == nil, let value = environment["SAMPLETOK_REMOTE"], !value.isEmpty else { return nil }
        return value
    }

    /// The token: `--token`, else `$SAMPLETOK_TOKEN`.
    var bearerToken: String? {
        token ?? environment["SAMPLETOK_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }
}
