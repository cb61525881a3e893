import ArgumentParser
import Engine
import Foundation
import Media
import Server

/// `sampletok`: the root command. `--serve` runs the headless server; otherwise a subcommand.
@main
struct SampleTokCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sampletok",
        abstract: "Dig music samples out of short social videos.",
        discussion: """
            Turns audio and video files into samples: a 48 kHz WAV, a 320 kb/s MP3, an HLS stream, \
            waveform peaks and a waveform image, with tempo and key. Without a subcommand it opens the \
            terminal app on the local library (docs/tui.md). `sampletok --serve` runs the HTTP API with \
            the pipeline workers (docs/server.md); `sampletok --listen HOST:PORT` serves the local library's \
            API the same way (docs/client.md). `--remote URL` makes list, show, export, jobs, submit, retry \
            and me work on a server.
            """,
        version: "0.1.0",
        subcommands: [
            ImportCommand.self, SubmitCommand.self, ListCommand.self, ShowCommand.self, ExportCommand.self, MeCommand.self,
            CollectionCommand.self, CrateCommand.self, StarCommand.self, StemsCommand.self,
            SetCommand.self, RetryCommand.self, DeleteCommand.self, JobsCommand.self, BackfillHLSCommand.self, BackfillFeaturesCommand.self, SimilarCommand.self,
            PlayCommand.self, ProcessCommand.self, AnalyzeCommand.self, WorkerCommand.self, AdminCommand.self, BenchCommand.self,
        ])

    @Flag(help: "Run the HTTP API and the pipeline workers, without a terminal UI, until SIGINT or SIGTERM.")
    var serve = false

    @Option(help: ArgumentHelp("Also serve the local library's HTTP API on this address, e.g. 127.0.0.1:8000 (0 as the port: any free one).",
                               valueName: "host:port"))
    var listen: ListenAddress?

    @OptionGroup(title: "Server options (with --serve; --home and --workers also with --listen)") var server: ServeOptions

    @OptionGroup(title: "Terminal app options") var app: AppOptions

    @OptionGroup(title: "A server instead of the local library (the app and the library commands)") var remote: RemoteOptions

    func validate() throws {
        try app.validate()
        try remote.validate(with: server.library)
        if serve, listen != nil {
            throw ValidationError("--serve and --listen are two modes: --serve runs a headless server, --listen serves the local library. Choose one.")
        }
        if remote.remote != nil, serve || listen != nil {
            throw ValidationError("--remote opens the app on a server; it does not go with --serve or --listen.")
        }
        guard serve || listen != nil else { return }
        try server.validate()
    }

    func run() async throws {
        if let listen {
            try await ServeMode.run(server, listen: listen)
        } else if serve {
            try await ServeMode.run(server)
        } else {
            try await AppMode.run(server.library, remote: remote, app: app)
        }
    }
}
