import ArgumentParser

/// Placeholder until the command is written.
struct BenchAnalysisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analysis", abstract: "Not written yet.")
    func run() throws { throw ExitCode.failure }
}
