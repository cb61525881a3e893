import ArgumentParser

/// `sampletok collection`: batches of URLs or a TikTok creator's posts, locally or on a server.
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Submit a batch of URLs (or a TikTok creator's posts) as one collection and follow its progress.",
        subcommands: [CollectionAddCommand.self, CollectionListCommand.self, CollectionShowCommand.self,
                      CollectionResetCommand.self])
}
