import ArgumentParser
import Media

/// `sampletok`: the root command.
@main
struct SampleTokCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sampletok",
        abstract: "Dig music samples out of short social videos.",
        discussion: """
            Turns audio and video files into samples: a 48 kHz WAV, a 320 kb/s MP3, an HLS stream, \
            waveform peaks and a waveform image, with tempo and key.
            """,
        version: "0.1.0",
        subcommands: [ProcessCommand.self, AnalyzeCommand.self, BenchCommand.self])
}
