import ArgumentParser

/// Placeholder until the command is written.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Not written yet.")
    func run() throws { throw ExitCode.failure }
}
