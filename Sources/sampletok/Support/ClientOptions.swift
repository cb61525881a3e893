import ArgumentParser
import Engine
import Foundation

/// Options of the commands that work on a local library or, with `--remote`, on a server.
struct ClientOptions: ParsableArguments {
    @OptionGroup var library: LibraryOptions

    @OptionGroup var server: RemoteOptions

    func validate() throws {
        try server.validate(with: library)
    }

    /// The server to use, or nil for the local library (`RemoteOptions.url(home:)`).
    var remoteURL: String? { server.url(home: library.home) }

    /// The token: `--token`, else `$SAMPLETOK_TOKEN`.
    var bearerToken: String? { server.bearerToken }
}
