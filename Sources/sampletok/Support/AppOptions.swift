import ArgumentParser
import Foundation

/// The options of the terminal app (bare `sampletok`).
struct AppOptions: ParsableArguments {
    @Option(help: "Seconds ←/→ seek by.") var seekStep: Double = 2
    @Option(help: ArgumentHelp("The key map file.", valueName: "file")) var keys: String?
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false
    @Option(help: ArgumentHelp("Open the app on the server at this URL instead of the local library.", valueName: "url"))
    var remote: String?
    @Option(help: ArgumentHelp("The server's bearer token (default: $SAMPLETOK_TOKEN), for submitting and exporting.",
                               valueName: "token"))
    var token: String?

    func validate() throws {
        if token != nil && remote == nil { throw ValidationError("--token goes with --remote URL.") }
        guard seekStep > 0, seekStep <= 600 else { throw ValidationError("--seek-step must be between 0 and 600 seconds.") }
    }
}
