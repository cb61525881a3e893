import ArgumentParser

/// `sampletok stems`: ask for a sample's stems (the default) or list them.
struct StemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stems",
        abstract: "Split a sample into stems (2 credits a stem) or list its stems, locally or on a server.",
        subcommands: [StemsRequestCommand.self, StemsListCommand.self],
        defaultSubcommand: StemsRequestCommand.self)
}
