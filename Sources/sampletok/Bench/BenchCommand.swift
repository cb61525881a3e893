import ArgumentParser

/// `sampletok bench`: benchmarks that print figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure SampleTok's speed and accuracy (prints figures; build with -c release for real numbers).",
        subcommands: [BenchProcessCommand.self, BenchAnalysisCommand.self, BenchLibraryCommand.self, BenchServeCommand.self,
                      BenchClusterCommand.self, BenchPlaybackCommand.self, BenchTUICommand.self, BenchStorageCommand.self,
                      BenchMoveCommand.self, BenchSimilarCommand.self])
}
