import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok collection add`: a collection of URLs or of a TikTok creator's latest posts.
struct CollectionAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make a collection of URLs, or with --tiktok-user of a creator's latest posts (credits per item, charged now).")

    @Argument(help: "The URLs (or, locally, file paths).") var urls: [String] = []
    @Option(name: .customLong("tiktok-user"), help: "A TikTok username whose latest posts become the items.") var tiktokUser: String?
    @Option(help: "How many of the creator's posts (default: the server's limit).") var limit: Int?
    @Flag(help: "Follow the collection until every item is finished.") var watch = false
    @Flag(help: "Print the collection as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        if urls.isEmpty == (tiktokUser == nil) { throw ValidationError("Give URLs or --tiktok-user NAME (not both).") }
        if limit != nil && tiktokUser == nil { throw ValidationError("--limit goes with --tiktok-user.") }
    }

    func run() async throws {
        let request = tiktokUser.map { CollectionRequest.tiktokUser($0, limit: limit) } ?? .urls(urls)
        let (watch, json) = (self.watch, self.json)
        try await ClientSession.run(client, workers: watch ? .background(2) : .none, demo: false) { client in
            let made = try await client.createCollection(request)
            guard watch else {
                ClientSession.startWork(client)
                print(json ? try JSONOutput.string(made) : CollectionText.details(made))
                return
            }
            print(CollectionText.summary(made))
            try await CollectionText.watch(made.id.uuidString, on: client, json: json)
        }
    }
}
