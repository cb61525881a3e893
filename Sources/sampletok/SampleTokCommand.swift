import ArgumentParser
import Media

/// `sampletok`: the root command.
@main
struct SampleTokCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sampletok",
        abstract: "Dig music samples out of short social videos.",
        discussion: """
            Turns audio and video files into samples: a 48 kHz WAV, a 320 kb/s MP3, an HLS stream, \
            waveform peaks and a waveform image, with tempo and key.
            """,
        version: "0.1.0",
        subcommands: [
            ImportCommand.self, SubmitCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self,
            SetCommand.self, RetryCommand.self, DeleteCommand.self, JobsCommand.self, BackfillHLSCommand.self,
            ProcessCommand.self, AnalyzeCommand.self, WorkerCommand.self, BenchCommand.self,
        ])
}
