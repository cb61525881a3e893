import ArgumentParser

/// `sampletok crate`: your named, ordered lists of samples, locally or on a server.
struct CrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crate",
        abstract: "Keep samples in named crates, in the order you choose, and export a crate in one go.",
        subcommands: [CrateListCommand.self, CrateShowCommand.self, CrateMakeCommand.self, CrateAddCommand.self,
                      CrateRemoveCommand.self, CrateMoveCommand.self, CrateRenameCommand.self, CrateDeleteCommand.self,
                      CrateExportCommand.self])
}
