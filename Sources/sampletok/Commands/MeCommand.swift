import ArgumentParser
import Client
import Foundation

/// `sampletok me`: who you are to the library, and your credits.
struct MeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "me",
        abstract: "Show your user and credit balance (on a server with --remote, or the local library's user).")
    @Flag(help: "Print the user as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let json = self.json
        try await ClientSession.run(client, demo: false) { client in
            let user = try await client.me()
            if json {
                print(try JSONOutput.string(user))
            } else {
                print("\(user.name)  \(user.credits) credit\(user.credits == 1 ? "" : "s")\(user.isAdmin ? "  (admin)" : "")  · \(client.location)")
            }
        }
    }
}
