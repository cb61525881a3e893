import ArgumentParser
import Client
import Foundation
import Model

/// `sampletok me`: who you are to the library, your credits and the latest changes to them.
struct MeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "me",
        abstract: "Show your user, credit balance and latest ledger entries (on a server with --remote, or the local library's user).")
    @Flag(help: "Print the account (user, balance, ledger) as JSON.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let json = self.json
        try await ClientSession.run(client, demo: false) { client in
            let account = try await client.me()
            if json {
                print(try JSONOutput.string(account))
                return
            }
            let user = account.user
            print("\(user.name)  \(account.balance) credit\(account.balance == 1 ? "" : "s")\(user.isAdmin ? "  (admin)" : "")  · \(client.location)")
            if !account.ledger.isEmpty { print("") }
            for entry in account.ledger { print(Self.line(entry)) }
        }
    }

    /// One ledger entry: when, the change, the balance after, why and what for.
    static func line(_ entry: LedgerEntry) -> String {
        let when = ISO8601DateFormatter().string(from: entry.createdAt)
        let delta = entry.delta > 0 ? "+\(entry.delta)" : "\(entry.delta)"
        let reference = entry.reference.map { "  \(SampleText.shortID($0))" } ?? ""
        return "\(when)  \(SampleText.pad(delta, 6))  → \(SampleText.pad(String(entry.balanceAfter), 6))  \(entry.reason.rawValue)\(reference)"
    }
}
