import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok collection`: batches of URLs or a TikTok creator's posts, locally or on a server.
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection",
        abstract: "Submit a batch of URLs (or a TikTok creator's posts) as one collection and follow its progress.",
        subcommands: [Add.self, List.self, Show.self, Reset.self])

    struct Add: AsyncParsableCommand {
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

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Your collections, newest first, with their progress.")
        @Flag(help: "Print them as JSON.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let json = self.json
            try await ClientSession.run(client, demo: false) { client in
                let list = try await client.collections()
                if json { print(try JSONOutput.string(list)); return }
                if list.isEmpty { print("No collections yet: `sampletok collection add URL…` makes one.") }
                for collection in list { print(CollectionText.summary(collection)) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "A collection's progress and each item's sample and status.")
        @Argument(help: "The collection id, or its first characters.") var id: String
        @Flag(help: "Follow it until every item is finished.") var watch = false
        @Flag(help: "Print it as JSON.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let (id, watch, json) = (self.id, self.watch, self.json)
            try await ClientSession.run(client, workers: watch ? .background(2) : .none, demo: false) { client in
                guard watch else {
                    let collection = try await client.collection(id)
                    print(json ? try JSONOutput.string(collection) : CollectionText.details(collection))
                    return
                }
                try await CollectionText.watch(id, on: client, json: json)
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset", abstract: "Reset a stuck collection: unfinished items are cancelled and their credits given back.")
        @Argument(help: "The collection id, or its first characters.") var id: String
        @Flag(help: "Print it as JSON.") var json = false
        @OptionGroup var client: ClientOptions

        func run() async throws {
            let (id, json) = (self.id, self.json)
            try await ClientSession.run(client, demo: false) { client in
                let collection = try await client.resetCollection(id)
                print(json ? try JSONOutput.string(collection) : CollectionText.details(collection))
            }
        }
    }
}
