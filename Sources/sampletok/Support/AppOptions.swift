import ArgumentParser
import Foundation

/// The options of the terminal app (bare `sampletok`).
struct AppOptions: ParsableArguments {
    @Option(help: "Seconds ←/→ seek by.") var seekStep: Double = 2
    @Option(help: ArgumentHelp("The key map file (default ~/.config/sampletok/keys.toml).", valueName: "file"))
    var keyMap: String?
    @Flag(help: "No colours (also when NO_COLOR is set).") var noColor = false

    func validate() throws {
        guard seekStep > 0, seekStep <= 600 else { throw ValidationError("--seek-step must be between 0 and 600 seconds.") }
    }
}
