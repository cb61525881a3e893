import ArgumentParser

/// Placeholder until the command is written.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Not written yet.")
    func run() throws { throw ExitCode.failure }
}
