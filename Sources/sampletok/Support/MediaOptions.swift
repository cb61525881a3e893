import Analysis
import ArgumentParser
import Engine
import Media

/// Options shared by the commands that decode media.
struct MediaOptions: ParsableArguments {
    @Option(name: .long, help: "The longest input accepted, in seconds.")
    var maxDuration: Double = DecodeLimits().maxDuration

    @Flag(name: .long, help: "Run the MP3 and AAC encoders on the decoding thread instead of their own threads.")
    var singleThread = false

    func validate() throws {
        guard maxDuration > 0 else { throw ValidationError("--max-duration must be more than 0 seconds.") }
    }

    var processOptions: ProcessOptions {
        ProcessOptions(limits: DecodeLimits(maxDuration: maxDuration), threadedEncoders: !singleThread)
    }
}
